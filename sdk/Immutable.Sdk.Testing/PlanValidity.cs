using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Testing;

/// <summary>
/// The checks Terraform core applies to what a provider returns: a planned state must honour the
/// configuration (core: "Provider produced invalid plan"), and the state after apply must match every
/// value the plan promised (core: "Provider produced inconsistent result after apply").
/// </summary>
public static class PlanValidity
{
    /// <summary>Problems with a planned state, phrased for provider developers as core phrases them.</summary>
    public static IReadOnlyList<string> CheckPlan(ObjectSchema schema, CtyValue? prior, CtyValue config, CtyValue? planned)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        var plannedValue = planned ?? CtyValue.Null(schema.Type);
        if (plannedValue.IsNull && !config.IsNull)
        {
            problems.Add("planned for absence but config wants existence");
        }
        else if (config.IsNull && !plannedValue.IsNull)
        {
            problems.Add("planned for existence but config wants absence");
        }
        else if (!plannedValue.IsNull)
        {
            CheckAttributes(schema, prior is null || prior.IsNull ? null : prior, config, plannedValue, CtyPath.Root, problems);
        }

        return problems;
    }

    /// <summary>Problems with the state returned by apply, compared with the plan.</summary>
    public static IReadOnlyList<string> CheckApplied(ObjectSchema schema, CtyValue? planned, CtyValue? applied)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        if (planned is null || planned.IsNull)
        {
            if (applied is not null && !applied.IsNull)
            {
                problems.Add("planned for destroy, but the provider returned an object");
            }

            return problems;
        }

        if (applied is null || applied.IsNull)
        {
            problems.Add("the provider returned no object for a planned create");
            return problems;
        }

        if (!applied.IsWhollyKnown)
        {
            problems.Add("the provider returned a state with unknown values after apply");
        }

        Compatible(planned, applied, CtyPath.Root, problems);
        foreach (var attribute in schema.Attributes.Where(a => a.WriteOnly))
        {
            if (!applied.GetAttribute(attribute.Name).IsNull)
            {
                problems.Add($".{attribute.Name}: write-only attribute is not null in the new state");
            }
        }

        return problems;
    }

    private static void CheckAttributes(ObjectSchema schema, CtyValue? prior, CtyValue config, CtyValue planned, CtyPath path, List<string> problems)
    {
        foreach (var attribute in schema.Attributes)
        {
            var priorValue = prior is null || prior.IsNull ? CtyValue.Null(attribute.Type) : prior.GetAttribute(attribute.Name);
            var configValue = config.IsNull ? CtyValue.Null(attribute.Type) : config.GetAttribute(attribute.Name);
            var plannedValue = planned.IsNull ? CtyValue.Null(attribute.Type) : planned.GetAttribute(attribute.Name);
            CheckValue(attribute, priorValue, configValue, plannedValue, path.GetAttr(attribute.Name), problems);
        }
    }

    private static void CheckValue(AttributeSchema attribute, CtyValue prior, CtyValue config, CtyValue planned, CtyPath path, List<string> problems)
    {
        if (CtyValues.RawEqualsIgnoringRefinements(planned, config))
        {
            return;
        }

        if (CtyValues.RawEqualsIgnoringRefinements(planned, prior) && !prior.IsNull && !config.IsNull)
        {
            return;
        }

        if (attribute.WriteOnly)
        {
            if (!planned.IsNull)
            {
                problems.Add($"{path}: planned value for write-only attribute is not null");
            }

            return;
        }

        if (attribute is { Computed: true, Optional: false } || (config.IsNull && attribute.Computed))
        {
            return;
        }

        if (config.IsNull && !planned.IsNull)
        {
            problems.Add($"{path}: planned value {Show(attribute, planned)} for a non-computed attribute");
            return;
        }

        if (attribute is { NestedObject: { } nested, Nesting: NestingMode.Single })
        {
            if (planned.IsNull)
            {
                problems.Add($"{path}: planned for absence but config wants existence");
            }
            else if (!planned.IsKnown)
            {
                problems.Add($"{path}: planned unknown for configured value");
            }
            else
            {
                CheckAttributes(nested, prior, config, planned, path, problems);
            }

            return;
        }

        problems.Add(prior.IsNull
            ? $"{path}: planned value {Show(attribute, planned)} does not match config value {Show(attribute, config)}"
            : $"{path}: planned value {Show(attribute, planned)} does not match config value {Show(attribute, config)} nor prior value {Show(attribute, prior)}");
    }

    private static void Compatible(CtyValue planned, CtyValue actual, CtyPath path, List<string> problems)
    {
        if (!planned.IsKnown)
        {
            if (!actual.IsKnown)
            {
                problems.Add($"{path}: was unknown in the plan and is still unknown after apply");
            }

            return;
        }

        if (planned.IsNull || actual.IsNull || !actual.IsKnown)
        {
            if (!planned.RawEquals(actual))
            {
                problems.Add($"{path}: was {planned}, but now {actual}");
            }

            return;
        }

        var type = planned.Type;
        if (type is CtyObjectType objectType)
        {
            foreach (var name in objectType.AttributeNames)
            {
                Compatible(planned.GetAttribute(name), actual.GetAttribute(name), path.GetAttr(name), problems);
            }
        }
        else if (type.Kind is CtyTypeKind.List or CtyTypeKind.Tuple)
        {
            var p = planned.Elements;
            var a = actual.Elements;
            if (p.Count != a.Count)
            {
                problems.Add($"{path}: length changed from {p.Count} to {a.Count}");
                return;
            }

            for (var i = 0; i < p.Count; i++)
            {
                Compatible(p[i], a[i], path.Index(CtyValue.Number((long)i)), problems);
            }
        }
        else if (type.Kind == CtyTypeKind.Map)
        {
            var p = planned.MapElements;
            var a = actual.MapElements;
            if (!p.Keys.Order(StringComparer.Ordinal).SequenceEqual(a.Keys.Order(StringComparer.Ordinal)))
            {
                problems.Add($"{path}: map keys changed");
                return;
            }

            foreach (var (key, value) in p)
            {
                Compatible(value, a[key], path.Index(CtyValue.String(key)), problems);
            }
        }
        else if (type.Kind == CtyTypeKind.Set)
        {
            // Core can only compare sets fully when the plan knew them fully.
            if (planned.IsWhollyKnown && !planned.RawEquals(actual))
            {
                problems.Add($"{path}: planned set element(s) changed after apply");
            }
        }
        else if (!planned.RawEquals(actual))
        {
            problems.Add($"{path}: was {planned}, but now {actual}");
        }
    }

    private static string Show(AttributeSchema attribute, CtyValue value) => attribute.Sensitive ? "(sensitive value)" : value.ToString();
}
