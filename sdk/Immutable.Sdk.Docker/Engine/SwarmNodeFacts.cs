namespace Immutable.Sdk.Docker.Engine;

/// <summary>What the cluster reports about one node: the attributes placement constraints can match.</summary>
public sealed record SwarmNodeFacts
{
    /// <summary>Node id.</summary>
    public required string Id { get; init; }

    /// <summary>Host name.</summary>
    public required string Hostname { get; init; }

    /// <summary><c>manager</c> or <c>worker</c>.</summary>
    public required string Role { get; init; }

    /// <summary><c>active</c>, <c>pause</c> or <c>drain</c>.</summary>
    public required string Availability { get; init; }

    /// <summary><c>ready</c>, <c>down</c>, <c>unknown</c> or <c>disconnected</c>.</summary>
    public required string State { get; init; }

    /// <summary>Operating system (e.g. <c>linux</c>).</summary>
    public string Os { get; init; } = string.Empty;

    /// <summary>Architecture (e.g. <c>x86_64</c>).</summary>
    public string Architecture { get; init; } = string.Empty;

    /// <summary>Labels set on the node by an operator (<c>node.labels.*</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels of the node's engine (<c>engine.labels.*</c>).</summary>
    public IReadOnlyDictionary<string, string> EngineLabels { get; init; } = new Dictionary<string, string>();
}
