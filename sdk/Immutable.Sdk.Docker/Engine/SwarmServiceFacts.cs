namespace Immutable.Sdk.Docker.Engine;

/// <summary>What the cluster reports about one service.</summary>
public sealed record SwarmServiceFacts
{
    /// <summary>Service id.</summary>
    public required string Id { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The image reference of the service's spec.</summary>
    public required string Image { get; init; }

    /// <summary>Labels of the service.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Desired replicas; null for a global (or job) service.</summary>
    public int? Replicas { get; init; }

    /// <summary>Endpoint mode of the spec.</summary>
    public SwarmEndpointMode EndpointMode { get; init; }

    /// <summary>Names of the configs the tasks mount.</summary>
    public IReadOnlyList<string> ConfigNames { get; init; } = [];

    /// <summary>Ports the service publishes outside the cluster.</summary>
    public IReadOnlyList<int> PublishedPorts { get; init; } = [];

    /// <summary>True when the spec was changed after the service was created (a previous spec exists).</summary>
    public bool Updated { get; init; }

    /// <summary>When the service was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
