using System.Globalization;
using System.Text;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Renders the traffic switch's nginx configuration from a route table. nginx is the switch because
/// its reload (SIGHUP) is graceful: the master keeps the listening socket, new workers take new
/// connections with the new upstreams, and old workers finish their in-flight requests first.
/// </summary>
public static class NginxConfig
{
    /// <summary>Where the provider writes the configuration inside the proxy container.</summary>
    public const string Directory = "/etc/immutable";

    /// <summary>The configuration file nginx is started with.</summary>
    public const string FileName = "nginx.conf";

    /// <summary>The route table stored beside it, read back by later runs.</summary>
    public const string RoutesFileName = "routes.json";

    /// <summary>The proxy's command line.</summary>
    public static IReadOnlyList<string> Command { get; } = ["nginx", "-c", $"{Directory}/{FileName}", "-g", "daemon off;"];

    /// <summary>The process title of a worker that still serves (as <c>ps</c> shows it).</summary>
    public const string WorkerTitle = "nginx: worker process";

    /// <summary>The configuration for <paramref name="table"/>, listening on <paramref name="port"/>.</summary>
    public static string Render(RouteTable table, int port, TimeSpan drain)
    {
        ArgumentNullException.ThrowIfNull(table);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $$"""
            # Written by terraform-provider-immutable; replaced (never edited) on every traffic switch.
            worker_processes 1;
            pid /tmp/nginx.pid;
            error_log stderr notice;
            # Old workers get this long to finish in-flight requests after a switch.
            worker_shutdown_timeout {{Math.Max(1, (int)Math.Ceiling(drain.TotalSeconds))}}s;
            events { worker_connections 4096; }
            http {
              access_log off;
              server_tokens off;
              keepalive_requests 10000;
              client_body_temp_path /tmp/client_body;
              proxy_temp_path /tmp/proxy;
              fastcgi_temp_path /tmp/fastcgi;
              uwsgi_temp_path /tmp/uwsgi;
              scgi_temp_path /tmp/scgi;

            """);

        var servers = Servers(table).ToList();
        if (servers.Count > 0)
        {
            text.Append("  upstream generations {\n");
            foreach (var (address, weight, generation) in servers)
            {
                text.Append(c, $"    server {address} weight={weight} max_fails=0; # generation {generation}\n");
            }

            text.Append("    keepalive 32;\n  }\n");
        }

        text.Append(c, $$"""
              server {
                listen {{port}} backlog=4096;
                location / {

            """);
        text.Append(servers.Count == 0
            ? "      return 503 \"no generation is serving yet\\n\";\n"
            : """
                  proxy_pass http://generations;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_connect_timeout 2s;
                  proxy_next_upstream error timeout http_502 http_503 http_504;
                  proxy_next_upstream_tries 3;
                  proxy_next_upstream_timeout 5s;

            """);
        text.Append("    }\n  }\n}\n");
        return text.ToString();
    }

    /// <summary>Each backend with its weight: a generation's share is split evenly across its containers.</summary>
    private static IEnumerable<(string Address, int Weight, long Generation)> Servers(RouteTable table) =>
        from route in table.Routes
        where route.Weight > 0 && route.Backends.Count > 0
        from backend in route.Backends
        select (backend, Math.Max(1, route.Weight * 12 / route.Backends.Count), route.Generation);
}
