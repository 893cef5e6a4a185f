using Immutable.Processes;

namespace Immutable.Tests.Shared;

/// <summary>
/// The real Docker engine, registries and busybox that .ci/services.sh sets up, as every Docker test
/// needs them. Compiled into each Docker test project (a linked file): tests that need the engine fail
/// with instructions when it is missing — they are never skipped.
/// </summary>
internal static class CiDocker
{
    /// <summary>The loopback registry without authentication.</summary>
    public const string Registry = "127.0.0.1:5000";

    /// <summary>The registry that requires a login (user <c>immutable</c>).</summary>
    public const string AuthRegistry = "127.0.0.1:5001";

    /// <summary>The static busybox test images are made of.</summary>
    public static string Busybox { get; } = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";

    /// <summary>Fails with instructions unless a Docker engine answers and busybox-static is installed.</summary>
    public static void Require()
    {
        var (code, output) = Run("docker", "version", "--format", "{{.Server.Version}}");
        if (code != 0)
        {
            throw new InvalidOperationException($"A Docker engine is required (start it with `bash .ci/services.sh`): {output}");
        }

        if (!File.Exists(Busybox))
        {
            throw new InvalidOperationException("busybox-static is required for test images (apt-get install busybox-static, or bash .ci/services.sh).");
        }
    }

    /// <summary>The password of <see cref="AuthRegistry"/>, which .ci/services.sh writes when it starts it.</summary>
    public static string AuthRegistryPassword()
    {
        const string path = "/tmp/immutable-ci/registry-auth.password";
        return File.Exists(path)
            ? File.ReadAllText(path).Trim()
            : throw new InvalidOperationException("The authenticated test registry is not running; start it with `bash .ci/services.sh`.");
    }

    /// <summary>Runs a command (docker, ssh-agent, ...); its exit code and combined output, or -1 and why when it cannot start.</summary>
    public static (int Code, string Output) Run(string file, params string[] arguments) =>
        Run(new Dictionary<string, string>(), file, arguments);

    /// <summary>Runs a command with extra environment variables (e.g. DOCKER_CONFIG, so logins never touch the machine's).</summary>
    public static (int Code, string Output) Run(IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
    {
        try
        {
            var result = ProcessRunner.Run(file, arguments, new ProcessOptions { Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value) });
            return (result.ExitCode, result.Output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
