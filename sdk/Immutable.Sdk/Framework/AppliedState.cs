using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// Builds the state returned after apply so it is consistent with the plan, as Terraform checks:
/// configured values exactly as planned, computed values from what was really created.
/// </summary>
public static class AppliedState
{
    /// <summary>
    /// Merges the created object into the plan. A computed value that was already known at plan time
    /// and came out different is reported as an error: Terraform would call it an inconsistent result.
    /// </summary>
    public static CtyValue Merge(ObjectSchema schema, CtyValue planned, CtyValue actual, Diagnostics diagnostics, CtyPath at)
    {
        var attributes = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes)
        {
            var plannedValue = planned.GetAttribute(attribute.Name);
            var actualValue = actual.GetAttribute(attribute.Name);
            var path = at.GetAttr(attribute.Name);
            attributes[attribute.Name] = MergeAttribute(attribute, plannedValue, actualValue, diagnostics, path);
        }

        return CtyValue.Object(attributes);
    }

    /// <summary>The same value with every write-only attribute null, as state must hold them.</summary>
    public static CtyValue WithoutWriteOnly(ObjectSchema schema, CtyValue value)
    {
        if (!schema.Attributes.Any(a => a.WriteOnly))
        {
            return value;
        }

        var attributes = schema.Attributes.ToDictionary(
            a => a.Name,
            a => a.WriteOnly ? CtyValue.Null(a.Type) : value.GetAttribute(a.Name),
            StringComparer.Ordinal);
        return CtyValue.Object(attributes);
    }

    private static CtyValue MergeAttribute(AttributeSchema attribute, CtyValue planned, CtyValue actual, Diagnostics diagnostics, CtyPath path)
    {
        if (attribute.WriteOnly)
        {
            return CtyValue.Null(attribute.Type);
        }

        if (!planned.IsKnown)
        {
            return CtyValues.UnknownsToNull(actual);
        }

        if (attribute is { Nesting: NestingMode.Single, NestedObject: { } nested } && !planned.IsNull && !actual.IsNull && actual.IsKnown)
        {
            return Merge(nested, planned, actual, diagnostics, path);
        }

        if (!planned.IsWhollyKnown)
        {
            // A collection partly known at plan time: the created object decides the rest.
            return attribute.Computed ? CtyValues.UnknownsToNull(actual) : planned;
        }

        if (attribute.Computed && !attribute.IsConfigurable && !planned.Equals(actual))
        {
            diagnostics.AddError(
                "Provider produced an inconsistent result",
                $"The plan promised {attribute.Name} = {planned}, but apply returned {actual}. Terraform rejects a result " +
                "that differs from a value known at plan time: either the provider computes this value differently at plan " +
                "and at apply (a provider bug), or what it is computed from changed in between; run plan again to see which.",
                path);
            return actual;
        }

        return planned;
    }
}
