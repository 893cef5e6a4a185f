using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// A resource type as the protocol layer sees it: cty values in, cty values out. Implemented once,
/// generically, by <see cref="ReplaceOnlyResource{TModel}"/>; there is deliberately no update.
/// </summary>
public interface IResourceDefinition
{
    /// <summary>Full type name, e.g. <c>immutable_image</c>.</summary>
    string TypeName { get; }

    /// <summary>The resource schema.</summary>
    ObjectSchema Schema { get; }

    /// <summary>Version of the schema, bumped when the state layout changes.</summary>
    long SchemaVersion { get; }

    /// <summary>Checks a configuration (which may contain unknown values).</summary>
    Task<Diagnostics> ValidateAsync(CtyValue config, ResourceContext context);

    /// <summary>Plans create, replace, no-op or destroy.</summary>
    Task<PlanResult> PlanAsync(PlanRequest request, ResourceContext context);

    /// <summary>Applies a plan: create, delete, or accept an operational-only change.</summary>
    Task<ApplyResult> ApplyAsync(ApplyRequest request, ResourceContext context);

    /// <summary>Refreshes state from the real world; a null result means the object is gone.</summary>
    Task<ReadResult> ReadAsync(CtyValue state, ResourceContext context);

    /// <summary>Builds state for an existing object identified by <paramref name="id"/>.</summary>
    Task<ReadResult> ImportAsync(string id, ResourceContext context);

    /// <summary>Upgrades state JSON written by schema <paramref name="version"/> to the current schema.</summary>
    ReadResult UpgradeState(long version, ReadOnlyMemory<byte> json);
}

/// <summary>Inputs of a plan, as Terraform sends them.</summary>
public sealed record PlanRequest(CtyValue? Prior, CtyValue? Proposed, CtyValue Config, ReadOnlyMemory<byte> PriorPrivate);

/// <summary>
/// A plan: the planned state (null for destroy), the attribute paths whose change forces
/// replacement, and diagnostics.
/// </summary>
public sealed record PlanResult(CtyValue? Planned, IReadOnlyList<CtyPath> RequiresReplace, Diagnostics Diagnostics, ReadOnlyMemory<byte> PlannedPrivate = default);

/// <summary>Inputs of an apply: the planned state carries everything configured, so the config is not decoded again.</summary>
public sealed record ApplyRequest(CtyValue? Prior, CtyValue? Planned, ReadOnlyMemory<byte> PlannedPrivate);

/// <summary>The new state after an apply (null once deleted) and diagnostics.</summary>
public sealed record ApplyResult(CtyValue? NewState, Diagnostics Diagnostics, ReadOnlyMemory<byte> Private = default);

/// <summary>A state read, imported or upgraded (null when the object no longer exists), and diagnostics.</summary>
public sealed record ReadResult(CtyValue? State, Diagnostics Diagnostics);
