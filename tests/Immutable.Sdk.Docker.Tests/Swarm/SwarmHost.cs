using System.Diagnostics;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>The real single-node Swarm .ci/services.sh makes of the CI engine, and a pullable busybox app image.</summary>
internal static class SwarmHost
{
    public static readonly Uri Socket = new("unix:///var/run/docker.sock");

    private static string Busybox => File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";

    /// <summary>Fails (never skips) when there is no Swarm manager: the Swarm runtime cannot be tested without one.</summary>
    public static void Require()
    {
        var (code, output) = Run("docker", "info", "--format", "{{.Swarm.ControlAvailable}}");
        if (code != 0 || output != "true")
        {
            throw new InvalidOperationException($"A Docker engine that is a Swarm manager is required (bash .ci/services.sh, or `docker swarm init --advertise-addr 127.0.0.1`): {output}");
        }
    }

    /// <summary>Builds a busybox httpd image serving <paramref name="text"/> on / (port 8080), pushes it to the loopback registry, returns repo@sha256:….</summary>
    public static string PushApp(string tag, string text, bool healthy = true)
    {
        var context = Directory.CreateTempSubdirectory("swarm-app-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(context, "www"));
            File.Copy(Busybox, Path.Combine(context, "busybox"));
            File.WriteAllText(Path.Combine(context, "www", "index.html"), text);
            if (healthy)
            {
                File.WriteAllText(Path.Combine(context, "www", "healthz"), "ok");
            }

            File.WriteAllText(Path.Combine(context, "Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                CMD ["/bin/busybox", "httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
                """);
            var reference = $"127.0.0.1:5000/immutable-test/swarm-app:{tag}";
            Check(Run("docker", "build", "-q", "-t", reference, context));
            Check(Run("docker", "push", "-q", reference));
            var (_, digests) = Check(Run("docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", reference));
            return digests.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(d => d.StartsWith("127.0.0.1:5000/", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>Runs a command in a throwaway container on an attachable overlay network (as a probe inside the cluster would).</summary>
    public static (int Code, string Output) RunOnNetwork(string network, string image, params string[] command) =>
        Run("docker", ["run", "--rm", "--network", network, "--entrypoint", "/bin/busybox", image, .. command]);

    /// <summary>Removes what a failed test may have left: services, configs and networks whose name starts with <paramref name="prefix"/>.</summary>
    public static void Purge(string prefix)
    {
        foreach (var kind in new[] { "service", "config", "network" })
        {
            var (_, names) = Run("docker", kind, "ls", "--format", "{{.Name}}");
            foreach (var name in names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
            {
                Run("docker", kind, "rm", name);
            }
        }
    }

    public static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    private static (int Code, string Output) Check((int Code, string Output) result)
    {
        Assert.True(result.Code == 0, result.Output);
        return result;
    }
}
