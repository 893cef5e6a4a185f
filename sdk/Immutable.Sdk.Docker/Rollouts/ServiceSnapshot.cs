using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>What runs for one service right now: the endpoint's routes and every generation's containers.</summary>
/// <param name="Routes">Where the endpoint sends traffic (empty without an endpoint).</param>
/// <param name="Endpoint">The endpoint (traffic switch) container, if any.</param>
/// <param name="Generations">Containers per generation, found by label.</param>
public sealed record ServiceSnapshot(
    RouteTable Routes,
    ContainerFacts? Endpoint,
    IReadOnlyDictionary<long, IReadOnlyList<ContainerFacts>> Generations)
{
    /// <summary>The highest generation number in use anywhere (0 when none).</summary>
    public long LatestGeneration =>
        Generations.Keys.Concat(Routes.Routes.Select(r => r.Generation)).Append(Routes.Stable ?? 0).Max();
}
