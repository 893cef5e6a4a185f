using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Where generations run. <see cref="RolloutEngine"/> owns the strategy (order, health gates,
/// weights, rollback); a runtime only starts, probes, routes and removes. The single-host Docker
/// runtime is <see cref="DockerHostRuntime"/>; a Swarm or Kubernetes runtime implements the same
/// operations with services/deployments and their own routing.
/// </summary>
public interface IRolloutRuntime
{
    /// <summary>Observes a service: routes and generations.</summary>
    Task<ServiceSnapshot> ObserveAsync(string service, CancellationToken cancellation);

    /// <summary>Makes sure the endpoint for <paramref name="spec"/> exists and serves <paramref name="routes"/>; returns true when it had to be created.</summary>
    Task<bool> PrepareEndpointAsync(RolloutSpec spec, RouteTable routes, CancellationToken cancellation);

    /// <summary>Starts the containers of a new generation (not yet routed); returns them.</summary>
    Task<IReadOnlyList<ContainerFacts>> StartGenerationAsync(RolloutSpec spec, long generation, CancellationToken cancellation);

    /// <summary>Probes one instance.</summary>
    Task<ProbeResult> ProbeAsync(RolloutSpec spec, ContainerFacts instance, CancellationToken cancellation);

    /// <summary>The backend address the endpoint uses for an instance.</summary>
    string BackendOf(RolloutSpec spec, ContainerFacts instance);

    /// <summary>Switches the endpoint to <paramref name="routes"/> and returns once connections to backends no longer routed have drained.</summary>
    Task RouteAsync(string service, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation);

    /// <summary>Stops (with <paramref name="grace"/> after SIGTERM) and removes instances.</summary>
    Task RemoveAsync(IEnumerable<ContainerFacts> instances, TimeSpan grace, CancellationToken cancellation);

    /// <summary>Removes the endpoint and the service's network.</summary>
    Task RemoveEndpointAsync(string service, CancellationToken cancellation);

    /// <summary>The last lines of an instance's output, for diagnostics.</summary>
    Task<string> LogTailAsync(ContainerFacts instance, CancellationToken cancellation);
}
