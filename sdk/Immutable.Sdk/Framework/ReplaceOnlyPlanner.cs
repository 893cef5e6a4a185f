using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// The generic planner of a replace-only resource. It follows Terraform's validity rules: a
/// non-computed attribute is planned exactly as configured; an unset attribute with a default is planned
/// as the default; a computed attribute the practitioner left unset keeps its prior value when nothing
/// is replaced and becomes unknown when it is.
/// </summary>
public static class ReplaceOnlyPlanner
{
    /// <summary>The state planned for a brand-new object: config, with unset computed values unknown.</summary>
    public static CtyValue PlanCreate(ObjectSchema schema, CtyValue config)
    {
        if (!config.IsKnown || config.IsNull)
        {
            return config;
        }

        var attributes = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes)
        {
            var value = config.GetAttribute(attribute.Name);
            attributes[attribute.Name] = PlanCreateAttribute(attribute, value);
        }

        return CtyValue.Object(attributes);
    }

    /// <summary>
    /// The state planned when nothing is replaced: configured values as written, computed values
    /// the practitioner left unset carried over from the prior state.
    /// </summary>
    public static CtyValue PlanKeep(ObjectSchema schema, CtyValue prior, CtyValue config)
    {
        var attributes = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes)
        {
            var configured = config.GetAttribute(attribute.Name);
            var previous = prior.GetAttribute(attribute.Name);
            attributes[attribute.Name] = attribute switch
            {
                { WriteOnly: true } => CtyValue.Null(attribute.Type),
                { Default: { } defaultValue } when configured.IsNull => defaultValue,
                { Computed: true } when configured.IsNull => previous,
                { Nesting: NestingMode.Single, NestedObject: { } nested } when configured.IsKnown && !configured.IsNull && !previous.IsNull && previous.IsKnown
                    => PlanKeep(nested, previous, configured),
                _ => configured,
            };
        }

        return CtyValue.Object(attributes);
    }

    /// <summary>
    /// The paths of configurable attributes whose configured value differs from the prior state.
    /// Operational and write-only attributes never appear: they change nothing deployed.
    /// </summary>
    public static IReadOnlyList<CtyPath> Differences(ObjectSchema schema, CtyValue prior, CtyValue config, CtyPath at)
    {
        var paths = new List<CtyPath>();
        foreach (var attribute in schema.Attributes)
        {
            if (!attribute.IsConfigurable || attribute.Operational || attribute.WriteOnly)
            {
                continue;
            }

            var configured = config.GetAttribute(attribute.Name);
            var previous = prior.GetAttribute(attribute.Name);
            var path = at.GetAttr(attribute.Name);
            if (attribute.Default is { } defaultValue && configured.IsNull)
            {
                // Unset means the default: it replaces only when the default is not what was deployed.
                configured = defaultValue;
            }
            else if (attribute.Computed && configured.IsNull)
            {
                // Left to the provider: whatever it chose before still stands.
                continue;
            }

            if (attribute is { Nesting: NestingMode.Single, NestedObject: { } nested } &&
                configured.IsKnown && !configured.IsNull && previous.IsKnown && !previous.IsNull)
            {
                paths.AddRange(Differences(nested, previous, configured, path));
                continue;
            }

            if (!configured.IsKnown || !configured.Equals(previous))
            {
                paths.Add(path);
            }
        }

        return paths;
    }

    private static CtyValue PlanCreateAttribute(AttributeSchema attribute, CtyValue configured)
    {
        if (attribute.WriteOnly)
        {
            return CtyValue.Null(attribute.Type);
        }

        if (configured.IsNull)
        {
            return attribute switch
            {
                { Default: { } defaultValue } => defaultValue,
                { Computed: true } => CtyValue.Unknown(attribute.Type),
                _ => configured,
            };
        }

        if (!configured.IsKnown || attribute.NestedObject is not { } nested)
        {
            return configured;
        }

        return attribute.Nesting switch
        {
            NestingMode.Single => PlanCreate(nested, configured),
            NestingMode.List => CtyValue.List(CtyValues.ElementType(attribute.Type), configured.Elements.Select(e => PlanCreate(nested, e)).ToList()),
            NestingMode.Set => CtyValue.Set(CtyValues.ElementType(attribute.Type), configured.Elements.Select(e => PlanCreate(nested, e)).ToList()),
            NestingMode.Map => CtyValue.Map(CtyValues.ElementType(attribute.Type), configured.MapElements.ToDictionary(e => e.Key, e => PlanCreate(nested, e.Value), StringComparer.Ordinal)),
            _ => configured,
        };
    }
}
