using Immutable.Processes;

namespace Immutable.Rollout.Benchmarks;

/// <summary>FROM-scratch busybox httpd images that answer their version, built with the docker CLI.</summary>
internal static class AppImages
{
    public static string Build(string root, string version)
    {
        var busybox = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";
        var context = Path.Combine(root, version);
        Directory.CreateDirectory(Path.Combine(context, "www"));
        File.Copy(busybox, Path.Combine(context, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(context, "www", "index.html"), version);
        File.WriteAllText(Path.Combine(context, "www", "healthz"), "ok");
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY www /www\nCMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        Docker("build", "-q", "-t", $"immutable-bench/app:{version}", context);
        return Docker("image", "inspect", "--format", "{{.Id}}", $"immutable-bench/app:{version}");
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Docker(params string[] arguments)
    {
        var result = ProcessRunner.Run("docker", arguments);
        return result.Succeeded ? result.Output : throw new InvalidOperationException($"docker {string.Join(' ', arguments)}: {result.Output}");
    }
}
