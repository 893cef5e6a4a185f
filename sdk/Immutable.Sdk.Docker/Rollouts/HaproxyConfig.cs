using System.Globalization;
using System.Text;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Renders the endpoint's HAProxy configuration from a route table (why HAProxy: docs/design/endpoint-proxy.md).
/// Backends are container names on the service network, resolved through Docker's DNS and re-resolved
/// while running, so the endpoint starts while backends are down and follows them across restarts.
/// A switch is a seamless master-worker reload (SIGUSR2): the listening socket is handed over, and
/// the old worker answers the next request of each idle keep-alive connection with
/// <c>Connection: close</c> instead of closing under a client (<c>option idle-close-on-response</c>).
/// </summary>
public static class HaproxyConfig
{
    /// <summary>Where the provider writes the configuration inside the proxy container.</summary>
    public const string Directory = "/etc/immutable";

    /// <summary>The configuration file HAProxy is started with.</summary>
    public const string FileName = "haproxy.cfg";

    /// <summary>The route table stored beside it, read back by later runs.</summary>
    public const string RoutesFileName = "routes.json";

    /// <summary>The runtime API, on the container's own loopback only.</summary>
    public const string RuntimeApi = "127.0.0.1:9999";

    /// <summary>The proxy's command line: master-worker mode in the foreground; SIGUSR2 reloads.</summary>
    public static IReadOnlyList<string> Command { get; } = ["haproxy", "-W", "-db", "-f", $"{Directory}/{FileName}"];

    /// <summary>Largest weight HAProxy accepts for a server.</summary>
    private const int MaxWeight = 256;

    /// <summary>How often every backend is checked; with <see cref="Fall"/> this bounds how long a hung replica gets traffic.</summary>
    private const int CheckIntervalMs = 1000;

    /// <summary>Failed checks (or observed errors) before a backend is taken out.</summary>
    private const int Fall = 2;

    /// <summary>Passed checks before a backend that was out takes traffic again.</summary>
    private const int Rise = 2;

    /// <summary>The configuration for <paramref name="table"/>, listening on <paramref name="port"/>.</summary>
    /// <param name="table">Routed generations; backends are <c>name:port</c> (or <c>ip:port</c>).</param>
    /// <param name="port">Where the endpoint listens inside its networks.</param>
    /// <param name="drain">How long an old worker may finish in-flight requests after a switch.</param>
    /// <param name="health">The rollout's health check; its HTTP path is also the endpoint's active check.</param>
    public static string Render(RouteTable table, int port, TimeSpan drain, HealthCheckSpec health)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(health);
        var c = CultureInfo.InvariantCulture;
        var drainSeconds = Math.Max(1, (int)Math.Ceiling(drain.TotalSeconds));
        var checkTimeoutMs = Math.Clamp((int)health.Timeout.TotalMilliseconds, 100, CheckIntervalMs);
        var text = new StringBuilder();
        text.Append(c, $$"""
            # Written by terraform-provider-immutable; replaced (never edited) on every traffic switch.
            global
              log stderr format raw local0 notice
              # An old worker gets this long to finish in-flight requests after a switch.
              hard-stop-after {{drainSeconds}}s
              stats socket ipv4@{{RuntimeApi}} level admin expose-fd listeners

            # Docker's embedded DNS (127.0.0.11 on a user-defined network): container names, resolved when a
            # worker starts (a name that does not resolve yet leaves its server without an address instead
            # of failing the start) and re-resolved every second, so restarted containers are found again.
            resolvers docker
              parse-resolv-conf
              resolve_retries 3
              timeout resolve 1s
              timeout retry 1s
              hold valid 1s
              hold other 1s
              hold refused 1s
              hold nx 1s
              hold timeout 1s
              hold obsolete 5s

            defaults
              mode http
              log global
              # A switch closes an idle keep-alive connection only after answering its next request.
              option idle-close-on-response
              # Failed attempts go to another backend: connection failures for every method,
              # empty answers, timeouts and 502/503/504 only for idempotent ones (see the frontend).
              retries 3
              option redispatch 1
              retry-on conn-failure empty-response response-timeout 502 503 504
              timeout connect 2s
              timeout client 60s
              timeout http-request 30s
              timeout http-keep-alive 60s
              timeout server 60s
              timeout queue 10s

            frontend endpoint
              bind :{{port}} backlog 4096
              http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS

            """);

        var servers = Servers(table).ToList();
        if (servers.Count == 0)
        {
            text.Append("  http-request return status 503 content-type text/plain string \"no generation is serving yet\"\n");
            return text.ToString();
        }

        text.Append(c, $$"""
              default_backend generations

            backend generations
              balance roundrobin

            """);
        text.Append(health.HttpPath is { } path
            ? string.Create(c, $"  option httpchk GET {Escape(path)}\n  http-check expect status 200-399\n")
            : "  # no HTTP health path: the active check is a TCP connect\n");
        text.Append(c, $$"""
              timeout check {{checkTimeoutMs}}ms
              # Active checks, plus passive ones: observed connection errors, timeouts and 5xx take a backend out too.
              default-server init-addr libc,none resolvers docker resolve-prefer ipv4 check inter {{CheckIntervalMs}}ms fall {{Fall}} rise {{Rise}} observe layer7 error-limit {{Fall}} on-error mark-down

            """);
        foreach (var (name, address, weight, generation) in servers)
        {
            text.Append(c, $"  server {name} {address} weight {weight} # generation {generation}\n");
        }

        return text.ToString();
    }

    /// <summary>Each backend with its weight: a generation's share is split evenly across its containers.</summary>
    private static IEnumerable<(string Name, string Address, int Weight, long Generation)> Servers(RouteTable table) =>
        from route in table.Routes
        where route.Weight > 0 && route.Backends.Count > 0
        from backend in route.Backends.Select((address, index) => (address, index))
        select (
            string.Create(CultureInfo.InvariantCulture, $"g{route.Generation}-{backend.index}"),
            backend.address,
            Math.Clamp(route.Weight * 2 / route.Backends.Count, 1, MaxWeight),
            route.Generation);

    /// <summary>A health path as one HAProxy word (it comes from configuration that was validated as a path).</summary>
    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);
}
