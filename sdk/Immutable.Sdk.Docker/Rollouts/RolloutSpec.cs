using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>One generation's desired shape: what runs, how it is reached, and how it replaces the one before.</summary>
public sealed record RolloutSpec
{
    /// <summary>The stable service name: network alias of the endpoint and prefix of every container name.</summary>
    public required string Service { get; init; }

    /// <summary>The image, pinned by digest or image id.</summary>
    public required string Image { get; init; }

    /// <summary>Containers per generation.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The TCP port the application listens on inside its containers (and the endpoint inside the network).</summary>
    public required int Port { get; init; }

    /// <summary>Command replacing the image's CMD; empty keeps it.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra labels on every container.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stable endpoint.</summary>
    public required EndpointSpec Endpoint { get; init; }

    /// <summary>How the new generation takes over.</summary>
    public RolloutStrategy Strategy { get; init; } = RolloutStrategy.BlueGreen;

    /// <summary>The health gate.</summary>
    public required HealthCheckSpec Health { get; init; }

    /// <summary>How long the new generation may take to become healthy before the rollout is aborted.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long in-flight requests may take to finish once traffic moved away, before containers are stopped.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Memory limit per container in bytes (0: none).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>CPU limit per container in billionths of a CPU (0: none).</summary>
    public long NanoCpus { get; init; }

    /// <summary>Run with a read-only root filesystem (a tmpfs on /tmp).</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>Run an init process as PID 1 so the application receives SIGTERM and can shut down promptly.</summary>
    public bool Init { get; init; } = true;

    /// <summary>Further networks the containers and the endpoint join (the endpoint answers to the service name there).</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Volumes for state kept outside the generation.</summary>
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    /// <summary>Credentials for pulling <see cref="Image"/> when the engine does not have it yet.</summary>
    public RegistryCredentials? PullCredentials { get; init; }

    /// <summary>Opaque text stored on every container so import can recover the configuration.</summary>
    public string? Recipe { get; init; }
}

/// <summary>The stable endpoint in front of the generations.</summary>
/// <param name="HostIp">Host address the endpoint is published on.</param>
/// <param name="HostPort">Host port; null keeps the endpoint inside the Docker networks only.</param>
/// <param name="ProxyImage">The nginx image that serves as the traffic switch.</param>
public sealed record EndpointSpec(string HostIp, int? HostPort, string ProxyImage);

/// <summary>How traffic moves from the old generation to the new one.</summary>
public enum StrategyKind
{
    /// <summary>All traffic switches at once after the new generation is healthy.</summary>
    BlueGreen,

    /// <summary>Traffic shifts in weighted steps with pauses and health analysis in between.</summary>
    Canary,

    /// <summary>The old generation stops before the new one starts (downtime accepted).</summary>
    Recreate,
}

/// <summary>One canary step: the new generation's share of traffic, held for <paramref name="Pause"/>.</summary>
public sealed record CanaryStep(int Weight, TimeSpan Pause);

/// <summary>A strategy with its canary steps (empty for the others).</summary>
public sealed record RolloutStrategy(StrategyKind Kind, IReadOnlyList<CanaryStep> Steps)
{
    /// <summary>Blue-green.</summary>
    public static RolloutStrategy BlueGreen { get; } = new(StrategyKind.BlueGreen, []);
}

/// <summary>How a container proves it is ready: an HTTP GET answering 2xx/3xx, else a TCP connect; plus the image's own HEALTHCHECK when it has one.</summary>
public sealed record HealthCheckSpec(string? HttpPath, TimeSpan Interval, TimeSpan Timeout, int Retries);
