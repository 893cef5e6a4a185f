namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The part of a rollout's configuration a failure is about, so the provider can point at the attribute.</summary>
public enum RolloutField
{
    /// <summary>Nothing in particular (the engine, the host).</summary>
    None,

    /// <summary>The image.</summary>
    Image,

    /// <summary>The endpoint (host port, proxy image).</summary>
    Endpoint,

    /// <summary>The endpoint's host port.</summary>
    EndpointPort,

    /// <summary>The health gate.</summary>
    HealthCheck,

    /// <summary>The extra networks.</summary>
    Networks,

    /// <summary>The volumes.</summary>
    Volumes,

    /// <summary>The runtime the rollout runs on (e.g. a Swarm runtime against an engine that is no Swarm manager).</summary>
    Runtime,

    /// <summary>Placement across the runtime's nodes (constraints, replicas per node).</summary>
    Placement,
}

/// <summary>A rollout failed (and was rolled back); the message says what, the detail carries probe output and log tails.</summary>
public sealed class RolloutException(RolloutField field, string summary, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Where the failure points.</summary>
    public RolloutField Field { get; } = field;

    /// <summary>A one-line summary (the diagnostic's title).</summary>
    public string Summary { get; } = summary;
}
