using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildKit;

/// <summary>
/// BuildKit test helpers over the CI engine (<see cref="CiDocker"/>): contexts with a busybox shell,
/// their tars, and running what an image holds.
/// </summary>
internal static class TestEngine
{
    public static Uri Endpoint { get; } = new(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock");

    /// <summary>
    /// A context holding the static busybox and a Dockerfile. <c>BUSYBOX</c> in the Dockerfile text
    /// expands to the lines that give a FROM-scratch image a shell (<c>/bin/sh</c> and the applets).
    /// </summary>
    public static string Context(string directory, string dockerfile)
    {
        Directory.CreateDirectory(directory);
        File.Copy(CiDocker.Busybox, Path.Combine(directory, "busybox"), overwrite: true);
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

    /// <summary>Runs the image's busybox with <paramref name="arguments"/> and returns what it printed.</summary>
    public static string RunInImage(string image, params string[] arguments)
    {
        var (code, output) = CiDocker.Run("docker", ["run", "--rm", "--network", "none", image, "/bin/busybox", .. arguments]);
        Assert.True(code == 0, output);
        return output;
    }

    public static void RemoveImages(params string[] references)
    {
        foreach (var reference in references)
        {
            CiDocker.Run("docker", "rmi", "--force", reference);
        }
    }
}
