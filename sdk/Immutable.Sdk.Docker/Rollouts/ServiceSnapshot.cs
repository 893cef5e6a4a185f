namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>What runs for one service right now: the endpoint and its routes, and every generation found by label.</summary>
/// <param name="Routes">Where the endpoint sends traffic (empty without an endpoint).</param>
/// <param name="Endpoint">The endpoint (traffic switch).</param>
/// <param name="Generations">Each generation found, by number.</param>
public sealed record ServiceSnapshot(
    RouteTable Routes,
    EndpointFacts Endpoint,
    IReadOnlyDictionary<long, GenerationFacts> Generations)
{
    /// <summary>The highest generation number in use anywhere (0 when none).</summary>
    public long LatestGeneration =>
        Generations.Keys.Concat(Routes.Routes.Select(r => r.Generation)).Append(Routes.Stable ?? 0).Max();

    /// <summary>The instances of a generation (none when it does not exist).</summary>
    public IReadOnlyList<InstanceFacts> InstancesOf(long generation) =>
        Generations.TryGetValue(generation, out var found) ? found.Instances : [];
}
