using System.Collections.Immutable;
using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Provider.Rollouts;

/// <summary>The <c>immutable_rollout</c> resource.</summary>
[Description("""
    Runs an image as a generation of containers behind a stable endpoint, and replaces the whole generation on any change:
    blue-green (all traffic at once after the new generation is healthy), canary (weighted steps with pauses and health analysis)
    or recreate. Nothing running is ever changed in place. Use `lifecycle { create_before_destroy = true }` so the new generation
    is created, health-gated and given the traffic before the old one is drained and removed.
    """)]
public sealed record RolloutModel
{
    /// <summary>Service name.</summary>
    [Required("The stable service name, e.g. `api`: the endpoint answers to it inside the service's Docker network, and every container is named after it. Lowercase letters, digits, `-` and `_`, at most 40 characters.")]
    public string? Name { get; init; }

    /// <summary>Image pinned by digest.</summary>
    [Required("The image to run, pinned by digest: `repo@sha256:...` or a local image id `sha256:...` — typically `immutable_image.app.reference`. Tags are refused unless `allow_unpinned_image` is set. An image the engine does not have is pulled, with the provider's `registry_auth` (or `~/.docker/config.json`) credentials.")]
    public string? Image { get; init; }

    /// <summary>Escape hatch for tags.</summary>
    [Optional("Accept a tag (e.g. `nginx:1.27`) in `image`. The tag is resolved once, when the generation starts, and `image_id` records what ran. Defaults to `false`.")]
    public bool? AllowUnpinnedImage { get; init; }

    /// <summary>Where generations run.</summary>
    [Optional("Where generations run: `docker` (containers on the provider's Docker host; the default) or `swarm` (one Docker Swarm service per generation behind an endpoint service; the provider's `host` must be a Swarm manager and `image` pullable by every node). Chosen per rollout, so services move to Swarm one at a time, and changing it is a replacement like any other attribute.")]
    public string? Runtime { get; init; }

    /// <summary>Swarm placement.</summary>
    [Optional("Swarm only: which nodes the generation's tasks may run on.")]
    public PlacementModel? Placement { get; init; }

    /// <summary>Containers per generation.</summary>
    [Optional("Containers per generation. Defaults to `1`.")]
    public int? Replicas { get; init; }

    /// <summary>Application port.</summary>
    [Required("The TCP port the application listens on inside its containers. The endpoint listens on the same port inside the Docker network.")]
    public int? Port { get; init; }

    /// <summary>Command.</summary>
    [Optional("Command to run instead of the image's `CMD`.")]
    public ImmutableArray<string>? Command { get; init; }

    /// <summary>Environment.</summary>
    [Optional("Environment variables of every container.")]
    public ImmutableSortedDictionary<string, string>? Env { get; init; }

    /// <summary>Labels.</summary>
    [Optional("Extra labels on every container, besides the provider's `org.immutable-infra.*` labels.")]
    public ImmutableSortedDictionary<string, string>? Labels { get; init; }

    /// <summary>Stable endpoint.</summary>
    [Optional("The stable endpoint clients use across generations: an HAProxy container the provider manages. Traffic moves between generations by changing weights through HAProxy's runtime API, without a reload, so no client connection is closed; it stops sending requests to a replica that fails or hangs and takes it back when it answers. Without `host_port` it is reachable only inside the Docker networks, at `NAME:PORT`.")]
    public EndpointModel? Endpoint { get; init; }

    /// <summary>Strategy.</summary>
    [Optional("How the new generation takes over. Defaults to `{ type = \"blue_green\" }`.")]
    public StrategyModel? Strategy { get; init; }

    /// <summary>Health gate.</summary>
    [Optional("How a container proves it is ready. Without `http_path` a TCP connect to `port` is the probe. An image `HEALTHCHECK` must pass too.")]
    public HealthCheckModel? HealthCheck { get; init; }

    /// <summary>Health deadline.</summary>
    [Optional("How long the new generation may take to become healthy before the rollout is aborted and rolled back, e.g. `2m`. Defaults to `2m`.")]
    public string? Deadline { get; init; }

    /// <summary>Drain time.</summary>
    [Optional("How long in-flight requests may take to finish after traffic moved away, before old containers are stopped, e.g. `30s`. Defaults to `30s`.")]
    public string? DrainTimeout { get; init; }

    /// <summary>Phoenix age.</summary>
    [Optional("Phoenix replacement: once the generation is older than this (e.g. `24h`), the next plan replaces it, with the reason.")]
    public string? MaxAge { get; init; }

    /// <summary>Memory limit.</summary>
    [Optional("Memory limit per container, in MiB.")]
    public long? MemoryMb { get; init; }

    /// <summary>CPU limit.</summary>
    [Optional("CPU limit per container, in CPUs (e.g. `0.5`).")]
    public double? Cpus { get; init; }

    /// <summary>Read-only root filesystem.</summary>
    [Optional("Run containers with a read-only root filesystem (with a tmpfs on `/tmp`). Defaults to `false`.")]
    public bool? ReadOnlyRootFs { get; init; }

    /// <summary>Init process.</summary>
    [Optional("Run Docker's init process as PID 1 (`docker run --init`), so the application receives SIGTERM when its generation is retired and shuts down within `drain_timeout`. Defaults to `true`.")]
    public bool? Init { get; init; }

    /// <summary>Extra networks.</summary>
    [Optional("Existing Docker networks the containers and the endpoint join as well; the endpoint answers to `name` there.")]
    public ImmutableArray<string>? Networks { get; init; }

    /// <summary>Volumes.</summary>
    [Optional("Volumes for state kept outside the generation (named volumes or absolute host paths). They outlive every generation.")]
    public ImmutableArray<VolumeModel>? Volumes { get; init; }

    /// <summary>Operation deadlines.</summary>
    [Optional("How long operations may take. Changing these never replaces the generation."), Operational]
    public RolloutTimeouts? Timeouts { get; init; }

    /// <summary>Identifier.</summary>
    [Computed("`NAME/GENERATION`, e.g. `api/3`.")]
    public string? Id { get; init; }

    /// <summary>Generation number.</summary>
    [Computed("The generation number; each replacement starts the next.")]
    public long? Generation { get; init; }

    /// <summary>Containers.</summary>
    [Computed("Names of the generation's containers.")]
    public ImmutableArray<string>? Containers { get; init; }

    /// <summary>Endpoint URL.</summary>
    [Computed("The stable URL, e.g. `http://127.0.0.1:8000` (or `http://NAME:PORT` inside the network when no `host_port` is set).")]
    public string? EndpointUrl { get; init; }

    /// <summary>Image id.</summary>
    [Computed("The image id (`sha256:...`) the generation's containers run.")]
    public string? ImageId { get; init; }

    /// <summary>Start time.</summary>
    [Computed("When the generation started (RFC 3339).")]
    public string? StartedAt { get; init; }

    /// <summary>Expiry.</summary>
    [Computed("When `max_age` expires the generation (RFC 3339); null without `max_age`.")]
    public string? ExpiresAt { get; init; }

    /// <summary>Restarts.</summary>
    [Computed("How often Docker restarted the generation's containers since they were created (a crashed process, a daemon restart or a reboot; summed over the containers). The same container from the same image comes back, so a restart is not drift and never plans a replacement; a growing number says the application crashes.")]
    public long? Restarts { get; init; }

    /// <summary>Status.</summary>
    [Computed("`serving` when every container runs the recorded image (or is being restarted by Docker) and receives traffic; otherwise what drifted (which forces a replacement).")]
    public string? Status { get; init; }
}

/// <summary>The endpoint block.</summary>
public sealed record EndpointModel
{
    /// <summary>Host port.</summary>
    [Optional("Port on the Docker host where the endpoint is published, e.g. `8000`.")]
    public int? HostPort { get; init; }

    /// <summary>Host address.</summary>
    [Optional("Host address to publish on. Defaults to `127.0.0.1`; use `0.0.0.0` to accept connections from other machines.")]
    public string? HostIp { get; init; }

    /// <summary>Swarm publish mode.</summary>
    [Optional("Swarm only: `ingress` (through the routing mesh: every node answers on `host_port`; the default) or `host` (on the node that runs the endpoint only; works without IPVS).")]
    public string? PublishMode { get; init; }

    /// <summary>Swarm backend mode.</summary>
    [Optional("Swarm only: how the endpoint reaches a generation: `vip` (the generation service's virtual IP; the default) or `dnsrr` (DNS round-robin over the generation's tasks, `tasks.NAME-gN`, re-resolved every second; works without IPVS).")]
    public string? BackendMode { get; init; }

    /// <summary>Proxy image.</summary>
    [Optional("The image the endpoint runs: HAProxy 2.6 or newer with `sh` and `nc` on its PATH, e.g. `haproxy:2.6-alpine`. Defaults to the provider's `proxy_image`.")]
    public string? ProxyImage { get; init; }
}

/// <summary>The placement block (Swarm).</summary>
public sealed record PlacementModel
{
    /// <summary>Constraints.</summary>
    [Optional("Swarm placement constraints, e.g. `[\"node.role==worker\", \"node.labels.zone!=b\"]`; checked against the swarm's nodes at plan time.")]
    public ImmutableArray<string>? Constraints { get; init; }

    /// <summary>Replicas per node.</summary>
    [Optional("At most this many tasks of a generation on one node. Defaults to no limit.")]
    public int? MaxReplicasPerNode { get; init; }
}

/// <summary>The strategy block.</summary>
public sealed record StrategyModel
{
    /// <summary>Kind.</summary>
    [Required("`blue_green`, `canary` or `recreate`.")]
    public string? Type { get; init; }

    /// <summary>Canary steps.</summary>
    [Optional("Canary only: the new generation's traffic share per step, strictly increasing up to 100, each held for `pause` while the health check keeps passing. After the last step the new generation takes all traffic.")]
    public ImmutableArray<CanaryStepModel>? Steps { get; init; }
}

/// <summary>One canary step.</summary>
public sealed record CanaryStepModel
{
    /// <summary>Weight.</summary>
    [Required("Percentage of requests the new generation receives (1–100).")]
    public int? Weight { get; init; }

    /// <summary>Pause.</summary>
    [Optional("How long to hold this step while analysing health, e.g. `30s`. Defaults to `30s`.")]
    public string? Pause { get; init; }
}

/// <summary>The health check block.</summary>
public sealed record HealthCheckModel
{
    /// <summary>HTTP path.</summary>
    [Optional("HTTP path probed with GET, e.g. `/healthz`; 2xx and 3xx are healthy. Without it the probe is a TCP connect.")]
    public string? HttpPath { get; init; }

    /// <summary>Interval.</summary>
    [Optional("Time between probes. Defaults to `2s`.")]
    public string? Interval { get; init; }

    /// <summary>Timeout.</summary>
    [Optional("Time a probe may take. Defaults to `1s`.")]
    public string? Timeout { get; init; }

    /// <summary>Retries.</summary>
    [Optional("Consecutive failures during canary analysis that abort the rollout. Defaults to `3`.")]
    public int? Retries { get; init; }
}

/// <summary>A volume mount.</summary>
public sealed record VolumeModel
{
    /// <summary>Source.</summary>
    [Required("A named volume, or an absolute host path for a bind mount.")]
    public string? Source { get; init; }

    /// <summary>Target.</summary>
    [Required("Absolute path inside the containers.")]
    public string? Target { get; init; }

    /// <summary>Read-only.</summary>
    [Optional("Mount read-only. Defaults to `false`.")]
    public bool? ReadOnly { get; init; }
}

/// <summary>Operation deadlines.</summary>
public sealed record RolloutTimeouts
{
    /// <summary>Create deadline.</summary>
    [Optional("Deadline for the whole rollout (start, health gate, canary steps, traffic switch), e.g. `30m`. Defaults to 30 minutes.")]
    public string? Create { get; init; }

    /// <summary>Delete deadline.</summary>
    [Optional("Deadline for draining and removing the generation, e.g. `5m`. Defaults to 5 minutes.")]
    public string? Delete { get; init; }
}
