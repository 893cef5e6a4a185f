using System.Globalization;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Before and after a rollout: undo what an interrupted run left (a half-switched table, generations no
/// route points to), always draining before removing, and after a switch remove every other generation.
/// </summary>
public sealed partial class RolloutEngine
{
    /// <summary>
    /// Gives the stable generation all traffic again if an interrupted canary left a candidate routed, then
    /// drains and removes every generation no route points to. Returns the routes and the generations kept.
    /// </summary>
    private async Task<(RouteTable Routes, IReadOnlyList<GenerationFacts> Kept)> SettleAsync(RolloutSpec spec, ServiceSnapshot snapshot, CancellationToken cancellation)
    {
        var routes = snapshot.Routes;
        var drained = false;
        if (snapshot.Endpoint.Running && routes.Routes.Any(r => r.Generation != routes.Stable && r.Weight > 0))
        {
            var stable = routes.Routes.FirstOrDefault(r => r.Generation == routes.Stable);
            routes = stable is not null && snapshot.Generations.ContainsKey(stable.Generation)
                ? RouteTable.Only(stable.Generation, stable.Backends)
                : RouteTable.Empty;
            log($"an earlier rollout of {spec.Service} was interrupted; routing back to {(routes.Stable is { } g ? "generation " + g.ToString(CultureInfo.InvariantCulture) : "nothing")}");
            await runtime.RouteAsync(spec.Service, spec.Port, routes, spec.DrainTimeout, cancellation).ConfigureAwait(false);
            drained = true;
        }

        var leftovers = snapshot.Generations.Values.Where(g => !routes.RoutesTo(g.Number)).ToList();
        if (leftovers.Count > 0 && snapshot.Endpoint.Running && !drained)
        {
            // A run killed while the endpoint drained may have left old proxy workers with requests in flight to
            // these generations: applying the same routes again returns only once such workers are gone.
            await runtime.RouteAsync(spec.Service, spec.Port, routes, spec.DrainTimeout, cancellation).ConfigureAwait(false);
        }

        foreach (var leftover in leftovers)
        {
            log($"sweeping generation {leftover.Number} ({leftover.Instances.Count} instance(s)) that no route points to");
        }

        await Task.WhenAll(leftovers.Select(g => runtime.RemoveAsync(g, spec.DrainTimeout, cancellation))).ConfigureAwait(false);
        return (routes, [.. snapshot.Generations.Values.Where(g => routes.RoutesTo(g.Number))]);
    }

    /// <summary>
    /// The new generation serves and the switch drained the old ones: remove every other generation, the one
    /// Terraform still records (its Delete then finds nothing) and any an interrupted run switched to unrecorded.
    /// Failures are logged, never thrown: the switch is done, and refresh reports what is left as drift.
    /// </summary>
    private async Task RetireOthersAsync(RolloutSpec spec, long generation)
    {
        try
        {
            var snapshot = await runtime.ObserveAsync(spec.Service, CancellationToken.None).ConfigureAwait(false);
            var others = snapshot.Generations.Values.Where(g => g.Number != generation).ToList();
            foreach (var other in others)
            {
                log($"retiring generation {other.Number} of {spec.Service}: generation {generation} took its traffic");
            }

            await Task.WhenAll(others.Select(g => runtime.RemoveAsync(g, spec.DrainTimeout, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log($"generation {generation} of {spec.Service} serves, but removing older generations failed (the next refresh reports them): {ex.Message}");
        }
    }

    /// <summary>Puts traffic back where it was and removes everything of the failed generation. Runs even when the apply was cancelled.</summary>
    private async Task RollBackAsync(RolloutSpec spec, long generation, RouteTable previous)
    {
        try
        {
            var snapshot = await runtime.ObserveAsync(spec.Service, CancellationToken.None).ConfigureAwait(false);
            if (snapshot.Endpoint.Exists && previous.Routes.Count > 0)
            {
                // Waits until no request is in flight to the failed generation, so it can go at once.
                await runtime.RouteAsync(spec.Service, spec.Port, previous, spec.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
            }

            if (snapshot.Generations.TryGetValue(generation, out var failed))
            {
                await runtime.RemoveAsync(failed, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }

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
