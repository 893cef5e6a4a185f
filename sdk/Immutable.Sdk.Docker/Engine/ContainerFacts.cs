namespace Immutable.Sdk.Docker.Engine;

/// <summary>What the engine reports about one container.</summary>
public sealed record ContainerFacts
{
    /// <summary>Container id.</summary>
    public required string Id { get; init; }

    /// <summary>Name without the leading slash.</summary>
    public required string Name { get; init; }

    /// <summary>The image id the container runs.</summary>
    public required string ImageId { get; init; }

    /// <summary>Labels.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>True while the main process runs.</summary>
    public required bool Running { get; init; }

    /// <summary>Engine status word: created, running, restarting, exited, dead…</summary>
    public required string Status { get; init; }

    /// <summary>How often the engine restarted it.</summary>
    public long RestartCount { get; init; }

    /// <summary>Exit code of the last run.</summary>
    public long ExitCode { get; init; }

    /// <summary>Docker HEALTHCHECK status (starting, healthy, unhealthy), or null when the image defines none.</summary>
    public string? Health { get; init; }

    /// <summary>When the current run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>IP address per attached network.</summary>
    public IReadOnlyDictionary<string, string> Addresses { get; init; } = new Dictionary<string, string>();

    /// <summary>Host port each published container TCP port is bound to.</summary>
    public IReadOnlyDictionary<int, int> PublishedPorts { get; init; } = new Dictionary<int, int>();
}
