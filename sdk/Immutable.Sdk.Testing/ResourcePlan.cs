using Immutable.Cty;

namespace Immutable.Sdk.Testing;

/// <summary>A checked plan for one resource instance.</summary>
public sealed record ResourcePlan
{
    /// <summary>The resource type.</summary>
    public required string TypeName { get; init; }

    /// <summary>What Terraform would do.</summary>
    public required PlanAction Action { get; init; }

    /// <summary>State before the change (null when creating).</summary>
    public required CtyValue? Prior { get; init; }

    /// <summary>The configuration planned against.</summary>
    public required CtyValue Config { get; init; }

    /// <summary>The planned new state (null when destroying).</summary>
    public required CtyValue? Planned { get; init; }

    /// <summary>The provider's private data for apply.</summary>
    public required Google.Protobuf.ByteString PlannedPrivate { get; init; }

    /// <summary>The provider's requires_replace paths whose values really change (core ignores the rest).</summary>
    public required IReadOnlyList<CtyPath> RequiresReplace { get; init; }

    /// <summary>Warnings the provider returned.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
