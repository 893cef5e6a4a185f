using System.Diagnostics;

namespace Immutable.Provider.Tests.Images;

/// <summary>
/// The real Docker engine and loopback registry that .ci/services.sh starts. Tests that need them
/// fail with instructions when they are missing — they are never skipped.
/// </summary>
internal static class DockerHost
{
    public const string Registry = "127.0.0.1:5000";

    /// <summary>The registry that requires a login (user <c>immutable</c>).</summary>
    public const string AuthRegistry = "127.0.0.1:5001";

    public static string Busybox { get; } = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";

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

    public static (int Code, string Output) Run(string file, params string[] arguments) =>
        Run(new Dictionary<string, string>(), file, arguments);

    /// <summary>Runs a command with extra environment variables (e.g. DOCKER_CONFIG, so logins never touch the machine's).</summary>
    public static (int Code, string Output) Run(IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    /// <summary>A build context: a FROM-scratch image holding the static busybox.</summary>
    public static string CreateContext(string directory, string dockerfile = "FROM scratch\nCOPY busybox /bin/busybox\nCOPY app.txt /app.txt\nARG VERSION=0\nLABEL version=$VERSION\nCMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\"]\n")
    {
        Directory.CreateDirectory(directory);
        File.Copy(Busybox, Path.Combine(directory, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), dockerfile);
        File.WriteAllText(Path.Combine(directory, "app.txt"), "version one\n");
        File.WriteAllText(Path.Combine(directory, ".dockerignore"), "*.log\nnotes/\n");
        return directory;
    }
}
