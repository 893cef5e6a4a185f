using Immutable.Processes;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>The real single-node Swarm .ci/services.sh makes of the CI engine, and a pullable busybox app image.</summary>
internal static class SwarmHost
{
    public static readonly Uri Socket = new("unix:///var/run/docker.sock");

    /// <summary>The endpoint's proxy image .ci/services.sh builds.</summary>
    public const string ProxyImage = "immutable-test/proxy:haproxy";

        /// <summary>Fails (never skips) when there is no Swarm manager: the Swarm runtime cannot be tested without one.</summary>
    public static void Require()
    {
        var (code, output) = Run("docker", "info", "--format", "{{.Swarm.ControlAvailable}}");
        if (code != 0 || output != "true")
        {
            throw new InvalidOperationException($"A Docker engine that is a Swarm manager is required (bash .ci/services.sh, or `docker swarm init --advertise-addr 127.0.0.1`): {output}");
        }
    }

    /// <summary>The registry that requires a login (user <c>immutable</c>, password written by .ci/services.sh).</summary>
    public const string AuthRegistry = "127.0.0.1:5001";

    public static string AuthRegistryPassword()
    {
        const string path = "/tmp/immutable-ci/registry-auth.password";
        return File.Exists(path)
            ? File.ReadAllText(path).Trim()
            : throw new InvalidOperationException("The authenticated test registry is not running; start it with `bash .ci/services.sh`.");
    }

    /// <summary>
    /// Like <see cref="PushApp"/>, but pushed to the registry that requires a login (through a throwaway Docker
    /// config, so the machine's logins are not touched), and then removed from the engine: a task can only run
    /// it if its node pulls it with credentials.
    /// </summary>
    public static string PushPrivateApp(string tag, string text)
    {
        var config = Directory.CreateTempSubdirectory("swarm-login-").FullName;
        try
        {
            var login = new Dictionary<string, string> { ["DOCKER_CONFIG"] = config };
            Check(Run(login, AuthRegistryPassword(), "docker", "login", "-u", "immutable", "--password-stdin", AuthRegistry));
            var local = PushApp(tag, text, registry: AuthRegistry, environment: login);
            Check(Run("docker", "rmi", $"{AuthRegistry}/immutable-test/swarm-app:{tag}"));
            Assert.NotEqual(0, Run("docker", "image", "inspect", local).Code);
            return local;
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    /// <summary>Builds a busybox httpd image serving <paramref name="text"/> on / (port 8080), pushes it to the loopback registry, returns repo@sha256:….</summary>
    public static string PushApp(string tag, string text, bool healthy = true, string registry = "127.0.0.1:5000", IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= new Dictionary<string, string>();
        var context = Directory.CreateTempSubdirectory("swarm-app-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(context, "www"));
            File.Copy(CiDocker.Busybox, Path.Combine(context, "busybox"));
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
            var reference = $"{registry}/immutable-test/swarm-app:{tag}";
            Check(Run("docker", "build", "-q", "-t", reference, context));
            Check(Run(environment, null, "docker", "push", "-q", reference));
            var (_, digests) = Check(Run("docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", reference));
            return digests.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(d => d.StartsWith(registry + "/", StringComparison.Ordinal));
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

    public static (int Code, string Output) Run(string file, params string[] arguments) =>
        Run(new Dictionary<string, string>(), null, file, arguments);

    /// <summary>Runs a command with extra environment variables and, when given, <paramref name="input"/> on its standard input.</summary>
    public static (int Code, string Output) Run(IReadOnlyDictionary<string, string> environment, string? input, string file, params string[] arguments)
    {
        var result = ProcessRunner.Run(file, arguments, new ProcessOptions { Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value), Stdin = input });
        return (result.ExitCode, result.Output);
    }

    private static (int Code, string Output) Check((int Code, string Output) result)
    {
        Assert.True(result.Code == 0, result.Output);
        return result;
    }
}
