using Immutable.Provider.Tests.Images;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>Images for rollout tests: the proxy image .ci/services.sh builds, and busybox httpd apps that say which version answered.</summary>
internal static class RolloutHost
{
    public const string ProxyImage = "immutable-test/proxy:nginx";

    /// <summary>The HAProxy endpoint image .ci/services.sh builds (tools/proxy-image/build-haproxy.sh).</summary>
    public const string HaproxyImage = "immutable-test/proxy:haproxy";

    public static void Require()
    {
        CiDocker.Require();
        if (CiDocker.Run("docker", "image", "inspect", ProxyImage).Code != 0)
        {
            throw new InvalidOperationException($"The proxy image {ProxyImage} is missing; build it with `bash tools/proxy-image/build.sh {ProxyImage}` (or run bash .ci/services.sh).");
        }

        if (CiDocker.Run("docker", "image", "inspect", HaproxyImage).Code != 0)
        {
            throw new InvalidOperationException($"The proxy image {HaproxyImage} is missing; build it with `bash tools/proxy-image/build-haproxy.sh {HaproxyImage}` (or run bash .ci/services.sh).");
        }
    }

    /// <summary>Builds an app image answering <c>version</c> on <c>/</c>; returns its image id (a pinned reference).</summary>
    public static string BuildApp(string root, string version, bool healthy = true)
    {
        var context = WriteApp(root, version, healthy);
        var tag = $"immutable-test/app:{version}";
        var (code, output) = CiDocker.Run("docker", "build", "-q", "-t", tag, context);
        Assert.True(code == 0, output);
        return CiDocker.Run("docker", "image", "inspect", "--format", "{{.Id}}", tag).Output;
    }

    /// <summary>Writes the build context of such an app (for tests where the provider builds it); returns its directory.</summary>
    public static string WriteApp(string root, string version, bool healthy = true)
    {
        var context = Path.Combine(root, "app-" + version);
        Directory.CreateDirectory(Path.Combine(context, "www"));
        File.Copy(CiDocker.Busybox, Path.Combine(context, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(context, "www", "index.html"), version);
        if (healthy)
        {
            File.WriteAllText(Path.Combine(context, "www", "healthz"), "ok");
        }

        // POST /cgi-bin/post answers the version after 200 ms of "work", so POSTs are in flight when traffic switches.
        Directory.CreateDirectory(Path.Combine(context, "www", "cgi-bin"));
        var post = Path.Combine(context, "www", "cgi-bin", "post");
        File.WriteAllText(post, $$"""
            #!/bin/busybox sh
            /bin/busybox head -c "$CONTENT_LENGTH" >/dev/null
            /bin/busybox sleep 0.2
            printf 'Content-Type: text/plain\r\nConnection: close\r\nContent-Length: {{version.Length}}\r\n\r\n{{version}}'

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(post, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        // GET /host answers the container's hostname (its short id), to see which replica answered.
        File.WriteAllText(Path.Combine(context, "Dockerfile"), """
            FROM scratch
            COPY busybox /bin/busybox
            COPY www /www
            CMD ["/bin/busybox", "sh", "-c", "/bin/busybox hostname > /www/host; exec /bin/busybox httpd -f -v -p 8080 -h /www"]
            """);
        return context;
    }

    /// <summary>Names of the containers carrying the service's label.</summary>
    public static IReadOnlyList<string> Containers(string service)
    {
        var (_, output) = CiDocker.Run("docker", "ps", "-a", "--filter", $"label=org.immutable-infra.service={service}", "--format", "{{.Names}}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    public static bool NetworkExists(string service) =>
        CiDocker.Run("docker", "network", "inspect", $"immutable-{service}").Code == 0;

    /// <summary>Removes everything of a service a failed test may have left.</summary>
    public static void Purge(string service)
    {
        foreach (var container in Containers(service))
        {
            CiDocker.Run("docker", "rm", "-f", container);
        }

        CiDocker.Run("docker", "network", "rm", $"immutable-{service}");
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
