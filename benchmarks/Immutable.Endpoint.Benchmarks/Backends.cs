namespace Immutable.Endpoint.Benchmarks;

/// <summary>
/// A FROM-scratch busybox httpd app that answers its container name on GET / and, after 200 ms of
/// "work", on POST /cgi-bin/post (so POSTs are in flight when traffic switches).
/// </summary>
internal static class Backends
{
    public const string Image = "immutable-bench/endpoint-app:2";

    public static void Build(string root)
    {
        var busybox = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";
        var context = Path.Combine(root, "app");
        Directory.CreateDirectory(Path.Combine(context, "www", "cgi-bin"));
        File.Copy(busybox, Path.Combine(context, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(context, "www", "healthz"), "ok");
        var post = Path.Combine(context, "www", "cgi-bin", "post");
        File.WriteAllText(post, """
            #!/bin/busybox sh
            /bin/busybox head -c "$CONTENT_LENGTH" >/dev/null
            /bin/busybox sleep 0.2
            body="$(/bin/busybox hostname)"
            printf 'Content-Type: text/plain\r\nConnection: close\r\nContent-Length: %s\r\n\r\n%s' "${#body}" "$body"

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(post, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.WriteAllText(Path.Combine(context, "Dockerfile"), """
            FROM scratch
            COPY busybox /bin/busybox
            COPY www /www
            CMD ["/bin/busybox", "sh", "-c", "/bin/busybox hostname > /www/index.html && exec /bin/busybox httpd -f -p 8080 -h /www"]
            """);
        Cli.Docker("build", "-q", "-t", Image, context);
    }

    /// <summary>Starts one backend named <paramref name="name"/> on <paramref name="network"/>, also answering to <paramref name="lane"/> there.</summary>
    public static void Run(string name, string network, string lane) =>
        Cli.Docker("run", "-d", "--name", name, "--hostname", name, "--network", network, "--network-alias", lane, "--label", "immutable-bench=endpoint", Image);

    public static string Address(string name) =>
        Cli.Docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name);
}
