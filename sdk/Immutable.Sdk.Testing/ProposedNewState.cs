using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Terraform core's "proposed new state": the configuration, with the prior value kept for every
/// computed attribute the configuration leaves null. Core sends it to PlanResourceChange.
/// </summary>
public static class ProposedNewState
{
    /// <summary>Builds the proposed new state from a prior state (null when creating) and the config.</summary>
    public static CtyValue Build(ObjectSchema schema, CtyValue? prior, CtyValue config)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (config.IsNull)
        {
            // Destroy: core plans it with a null proposed state.
            return config;
        }

        return Attributes(schema, prior is null || prior.IsNull ? null : prior, config);
    }

    private static CtyValue Attributes(ObjectSchema schema, CtyValue? prior, CtyValue config)
    {
        var values = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes)
        {
            var priorValue = prior is null ? CtyValue.Null(attribute.Type) : prior.GetAttribute(attribute.Name);
            var configValue = config.GetAttribute(attribute.Name);
            values[attribute.Name] = attribute switch
            {
                { Computed: true } when configValue.IsNull => priorValue,
                { NestedObject: { } nested } when configValue.IsKnown => Nested(attribute, nested, priorValue, configValue),
                _ => configValue,
            };
        }

        return CtyValue.Object(values);
    }

    private static CtyValue Nested(AttributeSchema attribute, ObjectSchema nested, CtyValue prior, CtyValue config)
    {
        if (config.IsNull)
        {
            return config;
        }

        var priorKnown = prior.IsKnown && !prior.IsNull;
        switch (attribute.Nesting)
        {
            case NestingMode.Single:
                return Attributes(nested, priorKnown ? prior : null, config);
            case NestingMode.List:
            {
                var priorElements = priorKnown ? prior.Elements : [];
                var elements = config.Elements.Select((element, i) =>
                    i < priorElements.Count ? Attributes(nested, priorElements[i], element) : element).ToList();
                return elements.Count == 0 ? config : CtyValue.List(nested.Type, elements);
            }

            case NestingMode.Map:
            {
                var priorEntries = priorKnown ? prior.MapElements : new Dictionary<string, CtyValue>();
                var entries = config.MapElements.ToDictionary(
                    e => e.Key,
                    e => priorEntries.TryGetValue(e.Key, out var p) ? Attributes(nested, p, e.Value) : e.Value,
                    StringComparer.Ordinal);
                return entries.Count == 0 ? config : CtyValue.Map(nested.Type, entries);
            }

            default:
                // Sets: core correlates elements by their non-computed attributes; a replace-only
                // provider never keeps prior set elements, so the config value stands.
                return config;
        }
    }
}
