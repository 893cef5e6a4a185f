namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Where generations run. <see cref="RolloutEngine"/> owns the strategy (order, health gates, weights,
/// rollback, recovery, drift); a runtime only observes, checks, starts, probes, routes and removes, and
/// alone knows its naming and how its objects are reached. The single-host Docker runtime is
/// <see cref="DockerHostRuntime"/>; a Swarm or Kubernetes runtime implements the same operations with
/// services/deployments (a generation is one object of N replicas there) and their own routing.
/// </summary>
public interface IRolloutRuntime
{
    /// <summary>Observes a service: endpoint, routes and generations.</summary>
    Task<ServiceSnapshot> ObserveAsync(string service, CancellationToken cancellation);

    /// <summary>
    /// Pre-flight checks of the endpoint's settings that can be made before anything is created
    /// (e.g. a host port another object holds). Never throws for an unreachable runtime: that is a warning.
    /// </summary>
    Task<IReadOnlyList<RolloutProblem>> CheckEndpointAsync(string service, int? hostPort, CancellationToken cancellation);

    /// <summary>Makes sure the endpoint for <paramref name="spec"/> exists and serves <paramref name="routes"/>; returns true when it had to be created.</summary>
    Task<bool> PrepareEndpointAsync(RolloutSpec spec, RouteTable routes, CancellationToken cancellation);

    /// <summary>Starts a new generation (not yet routed); returns it with its instances and backends.</summary>
    Task<GenerationFacts> StartGenerationAsync(RolloutSpec spec, long generation, CancellationToken cancellation);

    /// <summary>Probes one instance.</summary>
    Task<ProbeResult> ProbeAsync(RolloutSpec spec, InstanceFacts instance, CancellationToken cancellation);

    /// <summary>Switches the endpoint to <paramref name="routes"/> and returns once connections to backends no longer routed have drained.</summary>
    Task RouteAsync(string service, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation);

    /// <summary>Stops (with <paramref name="grace"/> after SIGTERM) and removes a generation.</summary>
    Task RemoveAsync(GenerationFacts generation, TimeSpan grace, CancellationToken cancellation);

    /// <summary>Removes the endpoint and whatever else the service shares across generations (its network).</summary>
    Task RemoveEndpointAsync(string service, CancellationToken cancellation);

    /// <summary>The last lines of an instance's output, for diagnostics.</summary>
    Task<string> LogTailAsync(InstanceFacts instance, CancellationToken cancellation);
}
