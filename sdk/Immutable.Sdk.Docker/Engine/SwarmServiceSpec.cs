namespace Immutable.Sdk.Docker.Engine;

/// <summary>Everything needed to create one replicated Swarm service; the adapter maps it onto the Engine API.</summary>
public sealed record SwarmServiceSpec
{
    /// <summary>Service name (also its DNS name on its networks).</summary>
    public required string Name { get; init; }

    /// <summary>Image reference every node can pull (repo@sha256:… for a pinned generation).</summary>
    public required string Image { get; init; }

    /// <summary>Number of tasks Swarm keeps running.</summary>
    public required int Replicas { get; init; }

    /// <summary>
    /// Labels on the service. Its task containers carry only Swarm's own labels, so that tools looking
    /// for containers by label (the single-host runtime, its sweep) never mistake a task for their own.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Command (replaces the image's CMD); empty keeps the image's.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Networks the tasks join, each with the DNS aliases the service has there.</summary>
    public IReadOnlyList<(string Network, IReadOnlyList<string> Aliases)> Networks { get; init; } = [];

    /// <summary>How other tasks reach the service by name: one virtual IP, or DNS round-robin over the task addresses.</summary>
    public SwarmEndpointMode EndpointMode { get; init; } = SwarmEndpointMode.Vip;

    /// <summary>Ports published outside the cluster.</summary>
    public IReadOnlyList<SwarmPublishedPort> Ports { get; init; } = [];

    /// <summary>Swarm configs mounted as read-only files.</summary>
    public IReadOnlyList<SwarmConfigMount> Configs { get; init; } = [];

    /// <summary>Placement constraints (<c>node.role==worker</c>, <c>node.labels.zone!=b</c>…).</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>At most this many tasks of the service on one node; 0 for no limit.</summary>
    public int MaxReplicasPerNode { get; init; }

    /// <summary>Memory limit in bytes; 0 for none.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>CPU limit in billionths of a CPU; 0 for none.</summary>
    public long NanoCpus { get; init; }

    /// <summary>Mount the root filesystem read-only.</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>Run Docker's init process as PID 1.</summary>
    public bool Init { get; init; }

    /// <summary>Time between the stop signal and SIGKILL when a task stops.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long Swarm waits before it replaces a failed task.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Credentials nodes use to pull <see cref="Image"/> (sent with the request, never stored in labels).</summary>
    public RegistryCredentials? PullCredentials { get; init; }
}

/// <summary>How a Swarm service is reached by name inside its networks.</summary>
public enum SwarmEndpointMode
{
    /// <summary>One virtual IP balanced by IPVS (Swarm's default; what real clusters use).</summary>
    Vip,

    /// <summary>DNS round-robin: the name resolves to the addresses of the running tasks.</summary>
    Dnsrr,
}

/// <summary>How a published port is exposed.</summary>
public enum SwarmPublishMode
{
    /// <summary>Through the routing mesh: every node answers on the port (Swarm's default).</summary>
    Ingress,

    /// <summary>Directly on the nodes where a task runs (one task per node and port).</summary>
    Host,
}

/// <summary>A TCP port of a service published outside the cluster.</summary>
public sealed record SwarmPublishedPort(int TargetPort, int PublishedPort, SwarmPublishMode Mode);

/// <summary>A Swarm config mounted into every task as a read-only file.</summary>
public sealed record SwarmConfigMount(string ConfigId, string ConfigName, string Path);
