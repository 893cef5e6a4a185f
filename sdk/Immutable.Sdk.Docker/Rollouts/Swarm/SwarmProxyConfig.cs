using System.Globalization;
using System.Text;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// The nginx configurations of the Swarm endpoint's two tiers. The <b>front</b> (published port) never
/// changes: it proxies everything to the DNS name the routers share, re-resolved every second, and
/// retries another router when one is gone. A <b>router</b> holds one route table: it splits requests
/// across the generations' DNS names by weight (re-resolved, so rescheduled tasks are found), and
/// forwards authenticated probe requests to one task. A traffic switch starts a router with the new
/// table and then removes the old one; nothing is reloaded or updated in place.
/// </summary>
public static class SwarmProxyConfig
{
    /// <summary>Where the configuration is mounted in both tiers (the proxy image's contract).</summary>
    public const string Path = NginxConfig.Directory + "/" + NginxConfig.FileName;

    /// <summary>The port routers listen on inside the overlay network.</summary>
    public const int RouterPort = 8000;

    /// <summary>The path prefix of probe requests; the task's address follows it.</summary>
    public const string ProbePrefix = "/.immutable/probe/";

    /// <summary>The header carrying the router's probe token (requests without it are answered 404).</summary>
    public const string ProbeHeader = "X-Immutable-Probe";

    /// <summary>The response header telling whether the router could connect to the probed task (<c>-</c> when it could not).</summary>
    public const string ConnectHeader = "X-Immutable-Probe-Connect";

    /// <summary>Docker's embedded DNS server inside every task.</summary>
    private const string Resolver = "resolver 127.0.0.11 valid=1s ipv6=off;";

    /// <summary>The front: listens on <paramref name="port"/> and proxies to the routers named <paramref name="routers"/>.</summary>
    public static string RenderFront(string routers, int port, TimeSpan drain)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(Header(drain));
        text.Append(c, $$"""
              server {
                listen {{port}} backlog=4096;
                location / {
                  set $routers {{routers}};
                  proxy_pass http://$routers:{{RouterPort}};
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_connect_timeout 2s;
                  # A router that just went away refuses the connection: try the next address.
                  proxy_next_upstream error timeout http_502 http_503 http_504;
                  proxy_next_upstream_tries 4;
                  proxy_next_upstream_timeout 10s;
                }
              }
            }

            """);
        return text.ToString();
    }

    /// <summary>
    /// A router for <paramref name="table"/>: backends are DNS names with ports (<c>tasks.api-g3:8080</c>).
    /// Requests to <c>/.immutable/probe/ADDRESS:PORT/PATH</c> carrying <paramref name="probeToken"/> are sent
    /// to that one task, so the provider can probe each task from inside the overlay network.
    /// </summary>
    public static string RenderRouter(RouteTable table, string probeToken, TimeSpan drain)
    {
        ArgumentNullException.ThrowIfNull(table);
        var c = CultureInfo.InvariantCulture;
        var routed = table.Routes.Where(r => r.Weight > 0 && r.Backends.Count > 0).ToList();
        var text = new StringBuilder(Header(drain));
        if (routed.Count > 0)
        {
            // Percentages must add up to at most 100; the last route takes the rest ("*").
            text.Append("  split_clients \"${request_id}\" $generation {\n");
            for (var i = 0; i < routed.Count; i++)
            {
                var share = i == routed.Count - 1 ? "*" : string.Create(c, $"{routed[i].Weight}%");
                text.Append(c, $"    {share} {routed[i].Backends[0]}; # generation {routed[i].Generation}\n");
            }

            text.Append("  }\n");
        }

        text.Append(c, $$"""
              server {
                listen {{RouterPort}} backlog=4096;
                location ~ ^{{ProbePrefix.Replace(".", "\\.", StringComparison.Ordinal)}}(?<target>[0-9.]+:[0-9]+)(?<path>/.*)$ {
                  if ($http_{{ProbeHeader.Replace('-', '_').ToLowerInvariant()}} != "{{probeToken}}") { return 404; }
                  proxy_pass http://$target$path$is_args$args;
                  proxy_connect_timeout 2s;
                  proxy_next_upstream off;
                  add_header {{ConnectHeader}} $upstream_connect_time always;
                }
                location / {

            """);
        text.Append(routed.Count == 0
            ? "      return 503 \"no generation is serving yet\\n\";\n"
            : """
                  proxy_pass http://$generation;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_connect_timeout 2s;
                  # A task that was killed or rescheduled refuses the connection: try another task.
                  proxy_next_upstream error timeout http_502 http_503 http_504;
                  proxy_next_upstream_tries 3;
                  proxy_next_upstream_timeout 5s;

            """);
        text.Append("    }\n  }\n}\n");
        return text.ToString();
    }

    private static string Header(TimeSpan drain) => string.Create(CultureInfo.InvariantCulture, $$"""
        # Written by terraform-provider-immutable; a Swarm config, never edited (a new table is a new config).
        worker_processes 1;
        pid /tmp/nginx.pid;
        error_log stderr notice;
        # In-flight requests get this long to finish when the task is stopped (SIGQUIT).
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
          # Docker's DNS: names are re-resolved every second, so rescheduled tasks and new routers are found.
          {{Resolver}}

        """);
}
