using System.Diagnostics;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// The rollout strategies on top of a runtime: start a new generation, gate it on health, move the
/// traffic (at once, or in canary steps with analysis), and on any failure roll back so the old
/// generation keeps serving and nothing new is left behind. Once the new generation serves, every
/// other generation of the service is drained and removed, so one generation remains. What an
/// interrupted run (a provider killed mid-apply) left behind is undone, drained and swept by the next
/// rollout of the same service, and reported as drift until then (<see cref="InspectAsync"/>).
/// </summary>
public sealed partial class RolloutEngine(IRolloutRuntime runtime, Action<string> log)
{
    /// <summary>Deploys a new generation of <paramref name="spec"/> and gives it the traffic.</summary>
    public async Task<GenerationResult> DeployAsync(RolloutSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var snapshot = await runtime.ObserveAsync(spec.Service, cancellation).ConfigureAwait(false);
        var (routes, kept) = await SettleAsync(spec, snapshot, cancellation).ConfigureAwait(false);

        var generation = snapshot.LatestGeneration + 1;
        var previous = routes;
        GenerationFacts started;
        TimeSpan cutover;
        try
        {
            if (spec.Strategy.Kind == StrategyKind.Recreate && snapshot.Endpoint.Running && routes.Routes.Count > 0)
            {
                // Recreate accepts downtime: the old generation stops before the new one starts.
                await runtime.RouteAsync(spec.Service, spec.Port, RouteTable.Empty, spec.DrainTimeout, cancellation).ConfigureAwait(false);
                await Task.WhenAll(kept.Select(g => runtime.RemoveAsync(g, spec.DrainTimeout, cancellation))).ConfigureAwait(false);
                routes = previous = RouteTable.Empty;
            }

            await runtime.PrepareEndpointAsync(spec, routes, cancellation).ConfigureAwait(false);
            started = await runtime.StartGenerationAsync(spec, generation, cancellation).ConfigureAwait(false);
            await WaitHealthyAsync(spec, started.Instances, cancellation).ConfigureAwait(false);

            var serving = routes.Routes.FirstOrDefault(r => r.Generation == routes.Stable && r.Weight > 0);
            if (spec.Strategy.Kind == StrategyKind.Canary && serving is not null)
            {
                foreach (var step in spec.Strategy.Steps.Where(s => s.Weight < 100))
                {
                    await runtime.RouteAsync(spec.Service, spec.Port, new RouteTable
                    {
                        Stable = serving.Generation,
                        Routes = [serving with { Weight = 100 - step.Weight }, new Route(generation, step.Weight, started.Backends)],
                    }, spec.DrainTimeout, cancellation).ConfigureAwait(false);
                    log($"canary: generation {generation} takes {step.Weight}% of {spec.Service}; analysing for {DurationText.Format(step.Pause)}");
                    await AnalyseAsync(spec, started.Instances, step.Pause, cancellation).ConfigureAwait(false);
                }
            }

            var clock = Stopwatch.StartNew();
            await runtime.RouteAsync(spec.Service, spec.Port, RouteTable.Only(generation, started.Backends), spec.DrainTimeout, cancellation).ConfigureAwait(false);
            cutover = clock.Elapsed;
            log($"generation {generation} of {spec.Service} serves all traffic");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log($"rollout of generation {generation} of {spec.Service} failed, rolling back: {ex.Message}");
            await RollBackAsync(spec, generation, previous).ConfigureAwait(false);
            throw;
        }

        await RetireOthersAsync(spec, generation).ConfigureAwait(false);
        return new GenerationResult(
            generation,
            [.. started.Instances.Select(i => i.Name)],
            started.Instances[0].ImageId,
            started.Instances.Min(i => i.StartedAt) ?? DateTimeOffset.UtcNow,
            cutover);
    }

    /// <summary>
    /// Retires a generation: takes it out of the routes if it is still routed, drains and removes it; removes
    /// the endpoint with the last one. A generation the rollout that replaced it already removed is a no-op.
    /// </summary>
    public async Task RetireAsync(string service, long generation, TimeSpan drain, int port, CancellationToken cancellation)
    {
        var snapshot = await runtime.ObserveAsync(service, cancellation).ConfigureAwait(false);
        var others = snapshot.Routes.Routes
            .Where(r => r.Generation != generation && r.Weight > 0 && snapshot.Generations.ContainsKey(r.Generation))
            .OrderByDescending(r => r.Generation)
            .ToList();
        var routedHere = snapshot.Routes.RoutesTo(generation);
        if (routedHere && others.Count > 0 && snapshot.Endpoint.Running)
        {
            await runtime.RouteAsync(service, port, RouteTable.Only(others[0].Generation, others[0].Backends), drain, cancellation).ConfigureAwait(false);
        }

        if (snapshot.Generations.TryGetValue(generation, out var mine))
        {
            await runtime.RemoveAsync(mine, drain, cancellation).ConfigureAwait(false);
        }

        var remaining = snapshot.Generations.Values.Where(g => g.Number != generation).ToList();
        if (remaining.Count == 0 || (routedHere && others.Count == 0))
        {
            // The last generation goes: so does the endpoint. (Unrouted leftovers are swept too.)
            await Task.WhenAll(remaining.Select(g => runtime.RemoveAsync(g, drain, cancellation))).ConfigureAwait(false);
            await runtime.RemoveEndpointAsync(service, cancellation).ConfigureAwait(false);
        }
    }
}
