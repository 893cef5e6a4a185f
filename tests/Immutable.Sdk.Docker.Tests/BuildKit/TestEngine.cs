using System.Diagnostics;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildKit;

/// <summary>
/// The real Docker engine and registries that .ci/services.sh starts. Tests that need them fail with
/// instructions when they are missing — they are never skipped.
/// </summary>
internal static class TestEngine
{
    /// <summary>The registry that requires a login (user <c>immutable</c>).</summary>
    public const string AuthRegistry = "127.0.0.1:5001";

    public static string Busybox { get; } = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";

    public static Uri Endpoint { get; } = new(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock");

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

    public static string AuthRegistryPassword()
    {
        const string path = "/tmp/immutable-ci/registry-auth.password";
        return File.Exists(path)
            ? File.ReadAllText(path).Trim()
            : throw new InvalidOperationException("The authenticated test registry is not running; start it with `bash .ci/services.sh`.");
    }

    /// <summary>
    /// A context holding the static busybox and a Dockerfile. <c>BUSYBOX</c> in the Dockerfile text
    /// expands to the lines that give a FROM-scratch image a shell (<c>/bin/sh</c> and the applets).
    /// </summary>
    public static string Context(string directory, string dockerfile)
    {
        Directory.CreateDirectory(directory);
        File.Copy(Busybox, Path.Combine(directory, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), dockerfile.Replace(
            "BUSYBOX", "COPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]", StringComparison.Ordinal));
        return directory;
    }

    /// <summary>The deterministic tar of a context directory, as the provider sends it.</summary>
    public static async Task<Stream> TarAsync(string directory)
    {
        var snapshot = await ContextScanner.ScanAsync(new BuildInputs { ContextDirectory = directory });
        var buffer = new MemoryStream();
        await snapshot.WriteTarAsync(buffer);
        buffer.Position = 0;
        return buffer;
    }

    public static (int Code, string Output) Run(string file, params string[] arguments) =>
        Run(new Dictionary<string, string>(), file, arguments);

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

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    /// <summary>Runs the image's busybox with <paramref name="arguments"/> and returns what it printed.</summary>
    public static string RunInImage(string image, params string[] arguments)
    {
        var (code, output) = Run("docker", ["run", "--rm", "--network", "none", image, "/bin/busybox", .. arguments]);
        Assert.True(code == 0, output);
        return output;
    }

    public static void RemoveImages(params string[] references)
    {
        foreach (var reference in references)
        {
            Run("docker", "rmi", "--force", reference);
        }
    }
}
