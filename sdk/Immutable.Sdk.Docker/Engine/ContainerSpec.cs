namespace Immutable.Sdk.Docker.Engine;

/// <summary>Everything needed to create one container; the adapter maps it onto the Engine API.</summary>
public sealed record ContainerSpec
{
    /// <summary>Container name.</summary>
    public required string Name { get; init; }

    /// <summary>Image id or reference.</summary>
    public required string Image { get; init; }

    /// <summary>Command (replaces the image's CMD); empty keeps the image's.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The network the container joins first, with its aliases there.</summary>
    public required string Network { get; init; }

    /// <summary>DNS aliases on <see cref="Network"/>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The TCP port the container listens on.</summary>
    public required int Port { get; init; }

    /// <summary>Where <see cref="Port"/> is published on the engine's host; port 0 lets the engine choose.</summary>
    public (string HostIp, int HostPort)? Publish { get; init; }

    /// <summary>Memory limit in bytes; 0 for none.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>CPU limit in billionths of a CPU; 0 for none.</summary>
    public long NanoCpus { get; init; }

    /// <summary>Mount the root filesystem read-only (with a tmpfs on /tmp).</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>Volume and bind mounts, for state kept outside the generation.</summary>
    public IReadOnlyList<VolumeMount> Mounts { get; init; } = [];

    /// <summary>Run Docker's init process (tini) as PID 1, so signals reach the application and zombies are reaped.</summary>
    public bool Init { get; init; }

    /// <summary>
    /// Restart the container whenever it exits and when the engine starts, unless somebody stopped it
    /// (<c>unless-stopped</c>); false for <c>no</c>. Restarting the same container from the same image
    /// changes nothing in it, so it is not an in-place mutation.
    /// </summary>
    public bool RestartUnlessStopped { get; init; }

    /// <summary>Seconds between SIGTERM and SIGKILL when the container is stopped.</summary>
    public int StopTimeoutSeconds { get; init; } = 10;
}

/// <summary>A named volume (or an absolute host path) mounted into a container.</summary>
public sealed record VolumeMount(string Source, string Target, bool ReadOnly);
