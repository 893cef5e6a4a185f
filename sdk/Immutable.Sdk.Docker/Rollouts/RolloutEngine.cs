using System.Diagnostics;
using System.Globalization;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// The rollout strategies on top of a runtime: start a new generation, gate it on health, move the
/// traffic (at once, or in canary steps with analysis), and on any failure roll back so the old
/// generation keeps serving and nothing new is left behind. Interrupted rollouts (a provider killed
/// mid-apply) are undone and their leftovers swept by the next rollout of the same service.
/// </summary>
public sealed class RolloutEngine(IRolloutRuntime runtime, Action<string> log)
{
    /// <summary>Deploys a new generation of <paramref name="spec"/> and gives it the traffic.</summary>
    public async Task<GenerationResult> DeployAsync(RolloutSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var snapshot = await runtime.ObserveAsync(spec.Service, cancellation).ConfigureAwait(false);
        var routes = await RecoverAsync(spec, snapshot, cancellation).ConfigureAwait(false);
        await SweepAsync(snapshot, routes, cancellation).ConfigureAwait(false);

        var generation = snapshot.LatestGeneration + 1;
        var previous = routes;
        try
        {
            if (spec.Strategy.Kind == StrategyKind.Recreate && snapshot.Endpoint is not null && routes.Routes.Count > 0)
            {
                // Recreate accepts downtime: the old generation stops before the new one starts.
                await runtime.RouteAsync(spec.Service, spec.Port, RouteTable.Empty, spec.DrainTimeout, cancellation).ConfigureAwait(false);
                await runtime.RemoveAsync(snapshot.Generations.Values.SelectMany(g => g), spec.DrainTimeout, cancellation).ConfigureAwait(false);
                routes = previous = RouteTable.Empty;
            }

            await runtime.PrepareEndpointAsync(spec, routes, cancellation).ConfigureAwait(false);
            var started = await runtime.StartGenerationAsync(spec, generation, cancellation).ConfigureAwait(false);
            await WaitHealthyAsync(spec, started, cancellation).ConfigureAwait(false);

            var backends = started.Select(i => runtime.BackendOf(spec, i)).ToList();
            var serving = routes.Routes.FirstOrDefault(r => r.Generation == routes.Stable && r.Weight > 0);
            if (spec.Strategy.Kind == StrategyKind.Canary && serving is not null)
            {
                foreach (var step in spec.Strategy.Steps.Where(s => s.Weight < 100))
                {
                    await runtime.RouteAsync(spec.Service, spec.Port, new RouteTable
                    {
                        Stable = serving.Generation,
                        Routes = [serving with { Weight = 100 - step.Weight }, new Route(generation, step.Weight, backends)],
                    }, spec.DrainTimeout, cancellation).ConfigureAwait(false);
                    log($"canary: generation {generation} takes {step.Weight}% of {spec.Service}; analysing for {DurationText.Format(step.Pause)}");
                    await AnalyseAsync(spec, started, step.Pause, cancellation).ConfigureAwait(false);
                }
            }

            var clock = Stopwatch.StartNew();
            await runtime.RouteAsync(spec.Service, spec.Port, RouteTable.Only(generation, backends), spec.DrainTimeout, cancellation).ConfigureAwait(false);
            var cutover = clock.Elapsed;
            log($"generation {generation} of {spec.Service} serves all traffic");
            return new GenerationResult(
                generation,
                [.. started.Select(c => c.Name)],
                started[0].ImageId,
                started.Min(c => c.StartedAt) ?? DateTimeOffset.UtcNow,
                cutover);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log($"rollout of generation {generation} of {spec.Service} failed, rolling back: {ex.Message}");
            await RollBackAsync(spec, generation, previous).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Retires a generation: takes it out of the routes if it is still routed, drains and removes it; removes the endpoint with the last one.</summary>
    public async Task RetireAsync(string service, long generation, TimeSpan drain, int port, CancellationToken cancellation)
    {
        var snapshot = await runtime.ObserveAsync(service, cancellation).ConfigureAwait(false);
        var mine = snapshot.Generations.GetValueOrDefault(generation) ?? [];
        var others = snapshot.Routes.Routes
            .Where(r => r.Generation != generation && r.Weight > 0 && snapshot.Generations.ContainsKey(r.Generation))
            .OrderByDescending(r => r.Generation)
            .ToList();
        var routedHere = snapshot.Routes.RoutesTo(generation);
        if (routedHere && others.Count > 0 && snapshot.Endpoint is not null)
        {
            await runtime.RouteAsync(service, port, RouteTable.Only(others[0].Generation, others[0].Backends), drain, cancellation).ConfigureAwait(false);
        }

        await runtime.RemoveAsync(mine, drain, cancellation).ConfigureAwait(false);
        var remaining = snapshot.Generations.Keys.Where(g => g != generation).ToList();
        if (remaining.Count == 0 || (routedHere && others.Count == 0))
        {
            // The last generation goes: so does the endpoint. (Unrouted leftovers are swept too.)
            await runtime.RemoveAsync(remaining.SelectMany(g => snapshot.Generations[g]), TimeSpan.Zero, cancellation).ConfigureAwait(false);
            await runtime.RemoveEndpointAsync(service, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>A rollout interrupted mid-way left a candidate generation routed: give the stable generation all traffic again.</summary>
    private async Task<RouteTable> RecoverAsync(RolloutSpec spec, ServiceSnapshot snapshot, CancellationToken cancellation)
    {
        var routes = snapshot.Routes;
        var stable = routes.Routes.FirstOrDefault(r => r.Generation == routes.Stable);
        var interrupted = routes.Routes.Any(r => r.Generation != routes.Stable && r.Weight > 0);
        if (!interrupted || snapshot.Endpoint is not { Running: true })
        {
            return routes;
        }

        var recovered = stable is not null && snapshot.Generations.ContainsKey(stable.Generation)
            ? RouteTable.Only(stable.Generation, stable.Backends)
            : RouteTable.Empty;
        log($"an earlier rollout of {spec.Service} was interrupted; routing back to {(recovered.Stable is { } g ? "generation " + g.ToString(CultureInfo.InvariantCulture) : "nothing")}");
        await runtime.RouteAsync(spec.Service, spec.Port, recovered, spec.DrainTimeout, cancellation).ConfigureAwait(false);
        return recovered;
    }

    /// <summary>Removes every container of the service that no route points to (leftovers of interrupted or failed runs).</summary>
    private async Task SweepAsync(ServiceSnapshot snapshot, RouteTable routes, CancellationToken cancellation)
    {
        var leftovers = snapshot.Generations
            .Where(g => !routes.RoutesTo(g.Key))
            .ToList();
        foreach (var (generation, containers) in leftovers)
        {
            log($"sweeping generation {generation} ({containers.Count} container(s)) that no route points to");
        }

        await runtime.RemoveAsync(leftovers.SelectMany(g => g.Value), TimeSpan.Zero, cancellation).ConfigureAwait(false);
    }

    private async Task WaitHealthyAsync(RolloutSpec spec, IReadOnlyList<ContainerFacts> instances, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var pending = instances.ToList();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var instance in pending.ToList())
            {
                var result = await runtime.ProbeAsync(spec, instance, cancellation).ConfigureAwait(false);
                if (result.IsHealthy)
                {
                    pending.Remove(instance);
                    failures.Remove(instance.Name);
                }
                else if (result.Fatal)
                {
                    throw await UnhealthyAsync(instance, result.Failure!, "did not become healthy").ConfigureAwait(false);
                }
                else
                {
                    failures[instance.Name] = result.Failure!;
                }
            }

            if (pending.Count == 0)
            {
                log($"all {instances.Count} container(s) of {spec.Service} healthy after {clock.ElapsedMilliseconds} ms");
                return;
            }

            if (clock.Elapsed > spec.Deadline)
            {
                throw await UnhealthyAsync(pending[0], failures.GetValueOrDefault(pending[0].Name) ?? "no answer",
                    $"was not healthy within the deadline of {DurationText.Format(spec.Deadline)}").ConfigureAwait(false);
            }

            await Task.Delay(spec.Health.Interval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Canary analysis: the new generation must stay healthy for the whole pause (<c>retries</c> consecutive failures abort).</summary>
    private async Task AnalyseAsync(RolloutSpec spec, IReadOnlyList<ContainerFacts> instances, TimeSpan pause, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var streaks = instances.ToDictionary(i => i.Name, _ => 0, StringComparer.Ordinal);
        do
        {
            foreach (var instance in instances)
            {
                var result = await runtime.ProbeAsync(spec, instance, cancellation).ConfigureAwait(false);
                streaks[instance.Name] = result.IsHealthy ? 0 : streaks[instance.Name] + 1;
                if (result.Fatal || streaks[instance.Name] >= spec.Health.Retries)
                {
                    throw await UnhealthyAsync(instance, result.Failure!, "failed the canary analysis").ConfigureAwait(false);
                }
            }

            var left = pause - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left < spec.Health.Interval ? left : spec.Health.Interval, cancellation).ConfigureAwait(false);
            }
        }
        while (clock.Elapsed < pause);
    }

    private async Task<RolloutException> UnhealthyAsync(ContainerFacts instance, string failure, string what)
    {
        var logs = await runtime.LogTailAsync(instance, CancellationToken.None).ConfigureAwait(false);
        return new RolloutException(RolloutField.HealthCheck, "New generation is not healthy",
            $"{instance.Name} {what}: {failure}.\nThe rollout was rolled back: the previous generation keeps serving and the new containers were removed.\n\nLast output of {instance.Name}:\n{(logs.Length > 0 ? logs : "(none)")}");
    }

    /// <summary>Puts traffic back where it was and removes everything of the failed generation. Runs even when the apply was cancelled.</summary>
    private async Task RollBackAsync(RolloutSpec spec, long generation, RouteTable previous)
    {
        try
        {
            var snapshot = await runtime.ObserveAsync(spec.Service, CancellationToken.None).ConfigureAwait(false);
            if (snapshot.Endpoint is not null && previous.Routes.Count > 0)
            {
                await runtime.RouteAsync(spec.Service, spec.Port, previous, spec.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
            }

            await runtime.RemoveAsync(snapshot.Generations.GetValueOrDefault(generation) ?? [], TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            if (previous.Routes.Count == 0 && snapshot.Generations.Keys.All(g => g == generation))
            {
                await runtime.RemoveEndpointAsync(spec.Service, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The original failure matters more; the next rollout sweeps what is left.
            log($"rollback of generation {generation} of {spec.Service} was incomplete: {ex.Message}");
        }
    }
}
