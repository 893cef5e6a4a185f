namespace Immutable.Provider.Tests.Remote;

/// <summary>
/// The ways into the CI engine that .ci/services.sh opens besides its socket: TLS with client
/// certificates on tcp://127.0.0.1:2376 and sshd on 127.0.0.1:18522 running `docker system dial-stdio`.
/// </summary>
internal static class RemoteEngines
{
    public const string TlsHost = "tcp://127.0.0.1:2376";
    public const string SshHost = "ssh://root@127.0.0.1:18522";
    public const string CertPath = "/tmp/immutable-ci/tls/client";

    public static void RequireTls()
    {
        if (!File.Exists(Path.Combine(CertPath, "key.pem")))
        {
            throw new InvalidOperationException("The CI engine's TLS endpoint is not set up; start it with `bash .ci/services.sh`.");
        }
    }

    /// <summary>The ssh options for the throwaway key and known_hosts, one argument per element.</summary>
    public static IReadOnlyList<string> SshOptions()
    {
        const string path = "/tmp/immutable-ci/sshd/ssh_opts";
        return File.Exists(path)
            ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new InvalidOperationException("The CI sshd is not running; start it with `bash .ci/services.sh`.");
    }
}
