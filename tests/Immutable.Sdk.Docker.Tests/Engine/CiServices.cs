
namespace Immutable.Sdk.Docker.Tests.Engine;

/// <summary>
/// The ways into the CI engine that .ci/services.sh starts: TLS with client certificates on
/// tcp://127.0.0.1:2376 (files under /tmp/immutable-ci/tls) and sshd on 127.0.0.1:18522. Tests that
/// need them fail with instructions when they are missing — never skipped.
/// </summary>
internal static class CiServices
{
    public const string TlsHost = "tcp://127.0.0.1:2376";
    public const string SshHost = "ssh://root@127.0.0.1:18522";
    public const string TlsDirectory = "/tmp/immutable-ci/tls";
    public const string ClientCertPath = TlsDirectory + "/client";
    private const string SshOptionsFile = "/tmp/immutable-ci/sshd/ssh_opts";

    /// <summary>The ssh options that make the throwaway key and known_hosts apply (one option word per element).</summary>
    public static IReadOnlyList<string> SshOptions() => File.Exists(SshOptionsFile)
        ? File.ReadAllText(SshOptionsFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : throw new InvalidOperationException("The CI sshd is not running; start it with `bash .ci/services.sh`.");

    public static void RequireTls()
    {
        if (!File.Exists(Path.Combine(ClientCertPath, "key.pem")))
        {
            throw new InvalidOperationException("The CI engine's TLS endpoint is not set up; start it with `bash .ci/services.sh`.");
        }
    }

    public static string Pem(string relative) => File.ReadAllText(Path.Combine(TlsDirectory, relative));

}
