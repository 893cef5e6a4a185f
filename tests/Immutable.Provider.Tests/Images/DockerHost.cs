namespace Immutable.Provider.Tests.Images;

/// <summary>
/// Image test helpers over the CI engine (<see cref="CiDocker"/>): the busybox build context the image
/// tests build and change.
/// </summary>
internal static class DockerHost
{
    /// <summary>A build context: a FROM-scratch image holding the static busybox.</summary>
    public static string CreateContext(string directory, string dockerfile = "FROM scratch\nCOPY busybox /bin/busybox\nCOPY app.txt /app.txt\nARG VERSION=0\nLABEL version=$VERSION\nCMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\"]\n")
    {
        Directory.CreateDirectory(directory);
        File.Copy(CiDocker.Busybox, Path.Combine(directory, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), dockerfile);
        File.WriteAllText(Path.Combine(directory, "app.txt"), "version one\n");
        File.WriteAllText(Path.Combine(directory, ".dockerignore"), "*.log\nnotes/\n");
        return directory;
    }
}
