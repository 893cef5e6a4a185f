using System.Globalization;
using System.Text;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Renders the endpoint's HAProxy configuration from a route table (why HAProxy: docs/design/endpoint-proxy.md).
/// Backends are <em>lanes</em>: a DNS name on the service network (a network alias every container of one
/// generation carries), expanded by <c>server-template</c> into slots that Docker's DNS fills and keeps
/// re-resolving, so the endpoint starts while backends are down and follows them across restarts. A
/// traffic switch changes only the lanes' weights, through the runtime API (<see cref="WeightCommands"/>),
/// without a reload: no connection of any client is closed. The file is rewritten with the same weights
/// so a restarted endpoint starts where it was. Backends that are not lanes (addresses stored by older
/// versions) are plain servers; a table with such backends takes a seamless reload (SIGUSR2) instead.
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

    /// <summary>Bounds of a check's timeout (the health check's own timeout, within them).</summary>
    private const int MinCheckTimeoutMs = 2000, MaxCheckTimeoutMs = 5000;

    /// <summary>
    /// Docker's embedded DNS as HAProxy's resolver, re-resolved every second; shared by the single-host endpoint and
    /// the Swarm front and routers. A large payload size lets one answer carry many tasks.
    /// </summary>
    internal const string DockerResolvers = """
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
          hold obsolete 1s
          accepted_payload_size 8192
        """;

    /// <summary>Failed checks (or observed errors) before a backend is taken out.</summary>
    private const int Fall = 2;

    /// <summary>Passed checks before a backend that was out takes traffic again.</summary>
    private const int Rise = 2;

    /// <summary>The configuration for <paramref name="table"/> on <paramref name="endpoint"/>.</summary>
    public static string Render(RouteTable table, HaproxyEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(endpoint);
        var c = CultureInfo.InvariantCulture;
        var drainSeconds = Math.Max(1, (int)Math.Ceiling(endpoint.Drain.TotalSeconds));
        // At least 2 s: on a loaded host a healthy replica can take over a second to accept a connection, and
        // two such checks in a row must not take every replica out at once.
        var checkTimeoutMs = Math.Clamp((int)endpoint.Health.Timeout.TotalMilliseconds, MinCheckTimeoutMs, MaxCheckTimeoutMs);
        var text = new StringBuilder();
        text.Append(c, $$"""
            # Written by terraform-provider-immutable; replaced (never edited) on every traffic switch.
            global
              log stderr format raw local0 notice
              # After a reload an old worker gets this long to finish in-flight requests.
              hard-stop-after {{drainSeconds}}s
              # The runtime API, reachable only inside the container: weights change here without a reload.
              stats socket ipv4@{{RuntimeApi}} level admin expose-fd listeners

            # Docker's embedded DNS (127.0.0.11 on a user-defined network), re-resolved every second so
            # restarted containers are found at their new addresses; a name that does not resolve yet
            # leaves its slot empty instead of failing the start.
            {{DockerResolvers}}

            defaults
              mode http
              log global
              # If a reload is ever needed, an idle keep-alive connection is closed only after answering its next request.
              option idle-close-on-response
              # Failed attempts go to another backend: connection failures for every method,
              # empty or malformed answers, timeouts and 502/503/504 only for idempotent ones (see the frontend).
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
              bind :{{endpoint.Port}} backlog 4096
              http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS
              default_backend generations

            backend generations
              balance roundrobin

            """);
        text.Append(endpoint.Health.HttpPath is { } path
            ? string.Create(c, $"  option httpchk GET {Escape(path)}\n  http-check expect status 200-399\n")
            : "  # no HTTP health path: the active check is a TCP connect\n");
        text.Append(c, $$"""
              timeout check {{checkTimeoutMs}}ms
              # Active checks, plus passive ones: observed connection errors, timeouts and 5xx take a backend out too.
              default-server init-addr none resolvers docker resolve-prefer ipv4 check inter {{CheckIntervalMs}}ms fall {{Fall}} rise {{Rise}} observe layer7 error-limit {{Fall}} on-error mark-down

            """);
        var weights = LaneWeights(table, endpoint);
        foreach (var (lane, index) in endpoint.Lanes.Select((lane, index) => (lane, index)))
        {
            text.Append(c, $"  server-template {LanePrefix(index)} 1-{endpoint.Slots} {lane} weight {weights[index]}\n");
        }

        foreach (var (address, weight, generation) in PlainServers(table, endpoint))
        {
            text.Append(c, $"  server {PlainName(address)} {address} init-addr libc,none weight {weight} # generation {generation}\n");
        }

        return text.ToString();
    }

    /// <summary>True when every routed backend is a lane, so <see cref="WeightCommands"/> switch traffic without a reload.</summary>
    public static bool SwitchesAtRunTime(RouteTable table, HaproxyEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(endpoint);
        return !PlainServers(table, endpoint).Any();
    }

    /// <summary>Runtime API commands (one line, <c>;</c>-separated) that give every lane slot its weight for <paramref name="table"/>.</summary>
    public static string WeightCommands(RouteTable table, HaproxyEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(endpoint);
        var weights = LaneWeights(table, endpoint);

        // HAProxy applies the commands one by one while it serves: lanes that get traffic are set before lanes that
        // lose it, so no request ever finds every weight at zero (a 503 "no server is available") mid-switch.
        return string.Join("; ",
            from lane in Enumerable.Range(0, endpoint.Lanes.Count).OrderBy(lane => weights[lane] == 0).ThenBy(lane => lane)
            from slot in Enumerable.Range(1, endpoint.Slots)
            select string.Create(CultureInfo.InvariantCulture, $"set weight generations/{LanePrefix(lane)}{slot} {weights[lane]}"));
    }

    /// <summary>The name of a lane slot's server as the runtime API shows it.</summary>
    public static string SlotName(int lane, int slot) => string.Create(CultureInfo.InvariantCulture, $"{LanePrefix(lane)}{slot}");

    /// <summary>Per-slot weight of each lane: a generation's share split evenly across its containers.</summary>
    private static int[] LaneWeights(RouteTable table, HaproxyEndpoint endpoint)
    {
        var weights = new int[endpoint.Lanes.Count];
        foreach (var route in table.Routes.Where(r => r.Weight > 0 && r.Backends.Count > 0))
        {
            var lane = IndexOf(endpoint.Lanes, route.Backends[0]);
            if (lane >= 0 && route.Backends.All(b => b == route.Backends[0]))
            {
                weights[lane] = Share(route);
            }
        }

        return weights;
    }

    /// <summary>Routed backends that are not lanes, with their weight.</summary>
    private static IEnumerable<(string Address, int Weight, long Generation)> PlainServers(RouteTable table, HaproxyEndpoint endpoint) =>
        from route in table.Routes
        where route.Weight > 0 && route.Backends.Count > 0
        where !(endpoint.Lanes.Contains(route.Backends[0]) && route.Backends.All(b => b == route.Backends[0]))
        from backend in route.Backends.Distinct(StringComparer.Ordinal)
        select (backend, Share(route), route.Generation);

    private static int IndexOf(IReadOnlyList<string> lanes, string address)
    {
        for (var i = 0; i < lanes.Count; i++)
        {
            if (lanes[i] == address)
            {
                return i;
            }
        }

        return -1;
    }

    private static int Share(Route route) => Math.Clamp(route.Weight * 2 / route.Backends.Count, 1, MaxWeight);

    private static string LanePrefix(int lane) => string.Create(CultureInfo.InvariantCulture, $"lane{lane}-");

    private static string PlainName(string address) => "at-" + address.Replace(':', '-').Replace('.', '-');

    /// <summary>A health path as one HAProxy word (it comes from configuration that was validated as a path).</summary>
    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);
}

/// <summary>What stays fixed for an endpoint's lifetime.</summary>
/// <param name="Port">Where the endpoint listens inside its networks.</param>
/// <param name="Drain">How long an old worker may finish in-flight requests after a reload.</param>
/// <param name="Health">The rollout's health check; its HTTP path is also the endpoint's active check.</param>
/// <param name="Lanes">The lanes' DNS names with port (<c>name:port</c>); generations take turns on them.</param>
/// <param name="Slots">Servers per lane: the most containers one generation can have behind the endpoint.</param>
public sealed record HaproxyEndpoint(int Port, TimeSpan Drain, HealthCheckSpec Health, IReadOnlyList<string> Lanes, int Slots = 16);
