using System.Globalization;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// The HAProxy configurations of the Swarm endpoint's two tiers (why HAProxy: docs/design/endpoint-proxy.md).
/// The <b>front</b> publishes the port and never changes: it sends requests to the routers' shared DNS name
/// (slots filled and re-resolved by Docker's DNS every second, checked, failed connections retried on another
/// router), and answers authenticated probe requests by connecting to the one task named in the path. A
/// <b>router</b> holds one route table, rendered by <see cref="HaproxyConfig"/> with each routed generation's
/// DNS name as a lane (<c>tasks.api-g3:8080</c>) weighted by its share. A traffic switch starts a router with
/// the new table and then removes the old one, which finishes its requests (SIGUSR1); nothing is updated in place.
/// </summary>
public static class SwarmEndpointConfig
{
    /// <summary>Where the configuration is mounted in both tiers (the proxy image's contract).</summary>
    public const string Path = HaproxyConfig.Directory + "/" + HaproxyConfig.FileName;

    /// <summary>The port routers listen on inside the overlay network.</summary>
    public const int RouterPort = 8000;

    /// <summary>The path prefix of probe requests; the task's address follows it.</summary>
    public const string ProbePrefix = "/.immutable/probe/";

    /// <summary>The header carrying the front's probe token (probe requests without it are answered 404).</summary>
    public const string ProbeHeader = "X-Immutable-Probe";

    /// <summary>The response header telling whether the front could connect to the probed task (<c>-</c> when it could not).</summary>
    public const string ConnectHeader = "X-Immutable-Probe-Connect";

    /// <summary>Router slots the front fills from DNS: the old and the new router during a switch, with room to spare.</summary>
    private const int RouterSlots = 4;

    /// <summary>The front: listens on <paramref name="port"/>, proxies to the routers named <paramref name="routers"/>, probes tasks for holders of <paramref name="probeToken"/>.</summary>
    public static string RenderFront(string routers, int port, string probeToken, TimeSpan drain)
    {
        var c = CultureInfo.InvariantCulture;
        var drainSeconds = Math.Max(1, (int)Math.Ceiling(drain.TotalSeconds));
        return string.Create(c, $$"""
            # Written by terraform-provider-immutable; a Swarm config, never edited (the front never changes).
            global
              log stderr format raw local0 notice
              # Stopped with SIGUSR1 (the image's stop signal): in-flight requests get this long to finish.
              hard-stop-after {{drainSeconds}}s

            # Docker's embedded DNS, re-resolved every second: a new router is found, a removed one dropped.
            {{HaproxyConfig.DockerResolvers}}

            defaults
              mode http
              log global
              option idle-close-on-response
              # A router that is going away refuses connections: every method is retried on another one
              # (nothing was sent); empty or malformed answers, timeouts and 502/503/504 only for idempotent methods.
              retries 3
              option redispatch 1
              retry-on conn-failure empty-response junk-response response-timeout 502 503 504
              timeout connect 2s
              timeout client 60s
              timeout http-request 30s
              timeout http-keep-alive 60s
              timeout server 60s
              timeout queue 10s

            frontend endpoint
              bind :{{port}} backlog 4096
              http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS
              acl probe path_beg {{ProbePrefix}}
              http-request set-var(txn.probe) bool(1) if probe
              http-request return status 404 if probe !{ req.hdr({{ProbeHeader}}) -m str {{probeToken}} }
              # A probe the front could not connect for is marked, so the provider tells it from the task's own status.
              http-after-response set-header {{ConnectHeader}} - if { var(txn.probe) -m bool } !{ res.hdr({{ConnectHeader}}) -m found }
              use_backend probe if probe
              default_backend routers

            backend routers
              balance roundrobin
              default-server init-addr none resolvers docker resolve-prefer ipv4 check inter 1s fall 2 rise 1
              server-template router- 1-{{RouterSlots}} {{routers}}:{{RouterPort}}

            # {{ProbePrefix}}ADDRESS:PORT/PATH goes to that one task, once, with PATH.
            backend probe
              retries 0
              http-request disable-l7-retry
              http-request set-var(txn.target) path,field(4,/)
              http-request set-dst var(txn.target),field(1,:)
              http-request set-dst-port var(txn.target),field(2,:)
              http-request set-path %[path,regsub(^{{ProbePrefix.Replace(".", "\\.", StringComparison.Ordinal)}}[^/]+,)]
              http-response set-header {{ConnectHeader}} 1
              server target 0.0.0.0:0

            """);
    }

    /// <summary>
    /// A router for <paramref name="table"/>: each routed generation's backend name is a lane, filled from DNS
    /// with as many slots as the largest generation has replicas. <paramref name="health"/> is the active check.
    /// </summary>
    public static string RenderRouter(RouteTable table, HealthCheckSpec health, TimeSpan drain)
    {
        ArgumentNullException.ThrowIfNull(table);
        var routed = table.Routes.Where(r => r.Weight > 0 && r.Backends.Count > 0).ToList();
        var lanes = routed.Select(r => r.Backends[0]).Distinct(StringComparer.Ordinal).ToList();
        var slots = Math.Max(16, routed.Select(r => r.Backends.Count).DefaultIfEmpty(0).Max());
        return HaproxyConfig.Render(table, new HaproxyEndpoint(RouterPort, drain, health, lanes, slots));
    }
}
