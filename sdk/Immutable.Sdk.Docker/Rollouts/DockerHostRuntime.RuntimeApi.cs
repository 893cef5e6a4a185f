using System.Diagnostics;
using System.Globalization;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Talking to the endpoint's HAProxy through its runtime API, reached with <c>docker exec … nc</c> so it works the
/// same against a remote engine: weights, the state of each lane's slots, in-flight requests, reloads.
/// </summary>
public sealed partial class DockerHostRuntime
{
    /// <summary>Sends one line of <c>;</c>-separated commands; returns HAProxy's answer.</summary>
    private async Task<string> RuntimeApiAsync(string endpoint, string commands, CancellationToken cancellation)
    {
        var (host, port) = (HaproxyConfig.RuntimeApi[..HaproxyConfig.RuntimeApi.IndexOf(':')], HaproxyConfig.RuntimeApi[(HaproxyConfig.RuntimeApi.IndexOf(':') + 1)..]);
        var result = await engine.ExecAsync(endpoint, ["sh", "-c", "echo \"$0\" | nc -w 5 \"$1\" \"$2\"", commands, host, port], cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.Output.Contains("Unknown command", StringComparison.Ordinal) || result.Output.Contains("No such server", StringComparison.Ordinal))
        {
            throw new RolloutException(RolloutField.Endpoint, "Endpoint runtime API failed",
                $"HAProxy in {endpoint} did not accept `{(commands.Length > 200 ? commands[..200] + "…" : commands)}`: {(result.Output + result.Error).Trim()}");
        }

        return result.Output;
    }

    /// <summary>The servers of the endpoint's backend.</summary>
    private async Task<IReadOnlyList<HaproxyServer>> ServersAsync(string endpoint, CancellationToken cancellation) =>
        HaproxyRuntimeState.Parse(await RuntimeApiAsync(endpoint, HaproxyRuntimeState.Query, cancellation).ConfigureAwait(false));

    /// <summary>The pid of the worker that answers the runtime API; null while none answers (starting, or not HAProxy).</summary>
    private async Task<string?> WorkerPidAsync(string endpoint, CancellationToken cancellation)
    {
        ExecResult result;
        try
        {
            result = await engine.ExecAsync(endpoint, ["sh", "-c", "echo 'show info' | nc -w 2 \"$0\" \"$1\"", .. HaproxyConfig.RuntimeApi.Split(':')], cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure != DockerFailure.Unreachable)
        {
            return null; // not running (yet)
        }

        return result.Output.Split('\n').FirstOrDefault(l => l.StartsWith("Pid:", StringComparison.Ordinal))?[4..].Trim();
    }

    /// <summary>
    /// Waits until every running container of each generation the table routes to is up in the endpoint's own checks
    /// (DNS found it, <c>rise</c> checks passed), so the new weights never send a request to a slot that is not ready.
    /// </summary>
    private async Task WaitLanesUpAsync(string service, string endpoint, RouteTable routes, HaproxyEndpoint settings, CancellationToken cancellation)
    {
        var expected = new Dictionary<int, (long Generation, int Count)>();
        foreach (var route in routes.Routes.Where(r => r.Weight > 0 && r.Backends.Count > 0))
        {
            var lane = IndexOf(settings.Lanes, route.Backends[0]);
            var labels = RolloutLabels.Of(service, route.Generation);
            var running = (await engine.ListContainersAsync(labels, cancellation).ConfigureAwait(false)).Count(c => c.State == "running");
            expected[lane] = (route.Generation, running);
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var servers = await ServersAsync(endpoint, cancellation).ConfigureAwait(false);
            var short_ = expected
                .Select(e => (Lane: e.Key, e.Value.Generation, e.Value.Count, Up: HaproxyRuntimeState.Lane(servers, e.Key).Count(s => s.Up)))
                .FirstOrDefault(e => e.Up < Math.Max(1, e.Count));
            if (short_ == default)
            {
                return;
            }

            if (clock.Elapsed > LaneDeadline)
            {
                throw new RolloutException(RolloutField.Endpoint, "Traffic switch failed",
                    string.Create(CultureInfo.InvariantCulture, $"The endpoint {endpoint} sees {short_.Up} of {short_.Count} running container(s) of generation {short_.Generation} up after {LaneDeadline.TotalSeconds}s (lane {settings.Lanes[short_.Lane]}: found through Docker's DNS, then its health checks must pass), so traffic was not moved."));
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no request is in flight to a lane that no longer gets traffic (at most <paramref name="drain"/>).</summary>
    private async Task DrainLanesAsync(string endpoint, RouteTable routes, HaproxyEndpoint settings, TimeSpan drain, CancellationToken cancellation)
    {
        var routed = routes.Routes.Where(r => r.Weight > 0 && r.Backends.Count > 0).Select(r => IndexOf(settings.Lanes, r.Backends[0])).ToHashSet();
        var idle = Enumerable.Range(0, settings.Lanes.Count).Where(l => !routed.Contains(l)).ToList();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var servers = await ServersAsync(endpoint, cancellation).ConfigureAwait(false);
            var inFlight = idle.Sum(l => HaproxyRuntimeState.Lane(servers, l).Sum(s => s.Sessions));
            if (inFlight == 0)
            {
                return;
            }

            if (clock.Elapsed > drain)
            {
                log(string.Create(CultureInfo.InvariantCulture, $"endpoint {endpoint}: {inFlight} request(s) still in flight to retired lanes after the drain timeout of {drain.TotalSeconds}s"));
                return;
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>A seamless reload (SIGUSR2 to the master): returns once a new worker answers and the old one finished its requests.</summary>
    private async Task ReloadAsync(string endpoint, TimeSpan drain, CancellationToken cancellation)
    {
        var before = await WorkerPidAsync(endpoint, cancellation).ConfigureAwait(false);
        await engine.SignalAsync(endpoint, "USR2", cancellation).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        while (await WorkerPidAsync(endpoint, cancellation).ConfigureAwait(false) is var now && (now is null || now == before))
        {
            if (clock.Elapsed > StartDeadline)
            {
                var logs = await engine.LogTailAsync(endpoint, 20, CancellationToken.None).ConfigureAwait(false);
                throw new RolloutException(RolloutField.Endpoint, "Traffic switch failed", $"HAProxy in {endpoint} did not load the new configuration. Its output:\n{logs}");
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }

        // The old worker leaves once its requests are done (hard-stop-after bounds it by the drain timeout).
        while ((await engine.ProcessesAsync(endpoint, cancellation).ConfigureAwait(false)).Count(p => p.Command.Contains("haproxy", StringComparison.Ordinal)) > 2
            && clock.Elapsed < drain + StartDeadline)
        {
            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The endpoint's route table: the one stored with its configuration, with the weights HAProxy applies right now
    /// when they differ (a run interrupted between writing the file and setting the weights).
    /// </summary>
    private async Task<RouteTable> RoutesAsync(ContainerFacts endpoint, IReadOnlyDictionary<long, GenerationFacts> generations, CancellationToken cancellation)
    {
        var stored = await engine.ReadFileAsync(endpoint.Id, $"{HaproxyConfig.Directory}/{HaproxyConfig.RoutesFileName}", cancellation).ConfigureAwait(false) is { } json
            ? RouteTable.FromJson(json) ?? RouteTable.Empty
            : RouteTable.Empty;
        if (!endpoint.Running ||
            await engine.ReadFileAsync(endpoint.Id, $"{HaproxyConfig.Directory}/{HaproxyEndpointJson.FileName}", cancellation).ConfigureAwait(false) is not { } settingsJson ||
            HaproxyEndpointJson.FromJson(settingsJson) is not { } settings ||
            !HaproxyConfig.SwitchesAtRunTime(stored, settings))
        {
            return stored;
        }

        IReadOnlyList<HaproxyServer> servers;
        try
        {
            servers = await ServersAsync(endpoint.Id, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RolloutException or DockerEngineException { Failure: not DockerFailure.Unreachable })
        {
            return stored; // restarting: it starts from the stored table
        }

        var live = new List<Route>();
        for (var lane = 0; lane < settings.Lanes.Count; lane++)
        {
            var weight = HaproxyRuntimeState.Lane(servers, lane).FirstOrDefault()?.Weight ?? 0;
            var generation = stored.Routes.FirstOrDefault(r => r.Backends.FirstOrDefault() == settings.Lanes[lane])?.Generation
                ?? generations.Values.FirstOrDefault(g => g.Backends.FirstOrDefault() == settings.Lanes[lane])?.Number;
            if (weight > 0 && generation is { } number)
            {
                var backends = generations.TryGetValue(number, out var found) ? found.Backends : [settings.Lanes[lane]];
                live.Add(new Route(number, Math.Clamp(weight * backends.Count / 2, 1, 100), backends));
            }
        }

        var agrees = live.Count == stored.Routes.Count(r => r.Weight > 0) &&
            live.All(l => stored.Routes.Any(r => r.Generation == l.Generation && r.Weight > 0));
        if (agrees)
        {
            return stored;
        }

        log($"endpoint {endpoint.Name} applies other weights than its stored routes say (an interrupted switch): {Describe(stored)} stored, {Describe(new RouteTable { Routes = live })} live");
        return stored with { Routes = live };
    }

    private static int IndexOf(IReadOnlyList<string> lanes, string lane)
    {
        for (var i = 0; i < lanes.Count; i++)
        {
            if (lanes[i] == lane)
            {
                return i;
            }
        }

        return -1;
    }
}
