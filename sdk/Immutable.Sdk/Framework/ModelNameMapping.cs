using System.Text.Json.Nodes;

namespace Immutable.Sdk.Framework;

/// <summary>
/// Renames object keys between the schema's snake_case attribute names and the model's JSON names,
/// for models whose JSON names are not snake_case (see <see cref="SchemaReflector"/>). Models whose
/// names already agree never come here.
/// </summary>
internal static class ModelNameMapping
{
    /// <summary>True when any attribute, nested ones included, has a JSON name other than its Terraform name.</summary>
    public static bool NeedsRenaming(ObjectSchema schema) =>
        schema.Attributes.Any(a => a.JsonName != a.Name || (a.NestedObject is { } nested && NeedsRenaming(nested)));

    /// <summary>Renames the keys of <paramref name="node"/> (a value of <paramref name="schema"/>) in place.</summary>
    public static void Rename(JsonNode? node, ObjectSchema schema, bool toJsonNames)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var attribute in schema.Attributes)
        {
            var (from, to) = toJsonNames ? (attribute.Name, attribute.JsonName) : (attribute.JsonName, attribute.Name);
            if (!obj.TryGetPropertyValue(from, out var value))
            {
                continue;
            }

            if (from != to)
            {
                obj.Remove(from);
                obj[to] = value;
            }

            if (attribute.NestedObject is { } nested)
            {
                RenameNested(value, attribute.Nesting, nested, toJsonNames);
            }
        }
    }

    /// <summary>Renames the objects inside a value nested as <paramref name="nesting"/> says (nothing for <see cref="NestingMode.None"/>).</summary>
    public static void RenameNested(JsonNode? value, NestingMode nesting, ObjectSchema nested, bool toJsonNames)
    {
        switch (nesting, value)
        {
            case (NestingMode.Single, _):
                Rename(value, nested, toJsonNames);
                break;
            case (NestingMode.List or NestingMode.Set, JsonArray array):
                foreach (var element in array)
                {
                    Rename(element, nested, toJsonNames);
                }

                break;
            case (NestingMode.Map, JsonObject map):
                foreach (var (_, element) in map)
                {
                    Rename(element, nested, toJsonNames);
                }

                break;
        }
    }
}
