namespace Immutable.Sdk.Docker.Engine;

/// <summary>What the cluster reports about one task (one scheduled container) of a service.</summary>
public sealed record SwarmTaskFacts
{
    /// <summary>Task id.</summary>
    public required string Id { get; init; }

    /// <summary>The service the task belongs to.</summary>
    public required string ServiceId { get; init; }

    /// <summary>Replica slot (a replacement task takes the slot of the one it replaces).</summary>
    public int Slot { get; init; }

    /// <summary>The node the task was scheduled on (empty while pending).</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary>Observed state, lower case as the API writes it: new, pending, assigned, preparing, starting, running, complete, shutdown, failed, rejected, orphaned…</summary>
    public required string State { get; init; }

    /// <summary>The state Swarm wants the task in (running, shutdown…).</summary>
    public required string DesiredState { get; init; }

    /// <summary>Swarm's message about the state.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Swarm's error, e.g. "task: non-zero exit (1)" or "No such image"; empty when none.</summary>
    public string Error { get; init; } = string.Empty;

    /// <summary>The container running the task, once there is one.</summary>
    public string ContainerId { get; init; } = string.Empty;

    /// <summary>Exit code of the container, once it exited.</summary>
    public long ExitCode { get; init; }

    /// <summary>When the task entered its current state.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The task's address (without prefix length) per network name.</summary>
    public IReadOnlyDictionary<string, string> Addresses { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the task is running and Swarm wants it running.</summary>
    public bool IsRunning => State == "running" && DesiredState == "running";

    /// <summary>True when the task ended for good (failed, rejected, completed or shut down).</summary>
    public bool HasEnded => State is "complete" or "shutdown" or "failed" or "rejected" or "orphaned" or "remove";
}
