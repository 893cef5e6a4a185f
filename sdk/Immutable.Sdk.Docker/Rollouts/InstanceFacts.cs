namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// One running copy of a generation, whatever the runtime calls it (a container on one host, a Swarm
/// task, a Kubernetes pod). The engine only reads these facts; the runtime alone knows how to reach it.
/// </summary>
public sealed record InstanceFacts
{
    /// <summary>The runtime's id for the instance.</summary>
    public required string Id { get; init; }

    /// <summary>Its name, as users see it in the runtime's own tools.</summary>
    public required string Name { get; init; }

    /// <summary>The image id it runs.</summary>
    public required string ImageId { get; init; }

    /// <summary>True while its main process runs.</summary>
    public required bool Running { get; init; }

    /// <summary>The runtime's status word (running, exited, …).</summary>
    public required string Status { get; init; }

    /// <summary>When its current run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>How often the runtime restarted it.</summary>
    public long RestartCount { get; init; }
}
