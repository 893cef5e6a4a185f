using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol.V6;

namespace Immutable.Sdk.Protocol;

/// <summary>
/// Decodes each RPC's wire values once, against the resource's schema, into the typed request the
/// framework takes. Only what the framework reads is decoded (an apply's config is not).
/// </summary>
internal static class RequestDecoder
{
    /// <summary>A configuration: null on the wire is a null object of the schema's type.</summary>
    public static CtyValue Config(DynamicValue? value, CtyType type) =>
        WireMapping.Decode(value, type, "config") ?? CtyValue.Null(type);

    /// <summary>A state (current, prior, planned); null when the object does not exist.</summary>
    public static CtyValue? State(DynamicValue? value, CtyType type, string field) =>
        WireMapping.Decode(value, type, field);

    /// <summary>PlanResourceChange.</summary>
    public static PlanRequest Plan(PlanResourceChange.Types.Request request, CtyType type) => new(
        State(request.PriorState, type, "prior_state"),
        State(request.ProposedNewState, type, "proposed_new_state"),
        Config(request.Config, type),
        request.PriorPrivate.Memory);

    /// <summary>ApplyResourceChange.</summary>
    public static ApplyRequest Apply(ApplyResourceChange.Types.Request request, CtyType type) => new(
        State(request.PriorState, type, "prior_state"),
        State(request.PlannedState, type, "planned_state"),
        request.PlannedPrivate.Memory);
}
