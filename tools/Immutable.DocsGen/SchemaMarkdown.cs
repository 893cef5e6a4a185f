using System.Text;
using Immutable.Cty;
using ProtoSchema = Immutable.Sdk.Protocol.V6.Schema;

namespace Immutable.DocsGen;

/// <summary>
/// The <c>## Schema</c> section of a registry page, laid out as terraform-plugin-docs lays it out: attributes grouped
/// into Required, Optional and Read-Only, sorted by name, each nested object in its own anchored section below.
/// </summary>
public static class SchemaMarkdown
{
    /// <summary>Renders the schema section of one provider or resource block.</summary>
    public static string Render(ProtoSchema.Types.Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.BlockTypes.Count > 0)
        {
            throw new NotSupportedException(
                "Nested blocks (" + string.Join(", ", block.BlockTypes.Select(b => b.TypeName)) + ") are not rendered; use nested attributes.");
        }

        var text = new StringBuilder();
        var nested = new List<(string Path, IReadOnlyList<ProtoSchema.Types.Attribute> Attributes)>();
        text.Append("## Schema\n");
        foreach (var (heading, group) in Groups(block.Attributes))
        {
            text.Append("\n### ").Append(heading).Append("\n\n");
            AppendList(text, group, parentPath: null, nested);
        }

        // Breadth-first, as the nested sections are linked from the lists above them.
        for (var i = 0; i < nested.Count; i++)
        {
            var (path, attributes) = nested[i];
            text.Append("\n<a id=\"").Append(Anchor(path)).Append("\"></a>\n");
            text.Append("### Nested Schema for `").Append(path).Append("`\n");
            foreach (var (heading, group) in Groups(attributes))
            {
                text.Append('\n').Append(heading).Append(":\n\n");
                AppendList(text, group, path, nested);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<(string Heading, List<ProtoSchema.Types.Attribute> Attributes)> Groups(IEnumerable<ProtoSchema.Types.Attribute> attributes)
    {
        var sorted = attributes.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        (string, List<ProtoSchema.Types.Attribute>)[] groups =
        [
            ("Required", sorted.Where(a => a.Required).ToList()),
            ("Optional", sorted.Where(a => a.Optional).ToList()),
            ("Read-Only", sorted.Where(a => a.Computed && !a.Optional && !a.Required).ToList()),
        ];
        return groups.Where(g => g.Item2.Count > 0);
    }

    private static void AppendList(StringBuilder text, IEnumerable<ProtoSchema.Types.Attribute> attributes, string? parentPath, List<(string, IReadOnlyList<ProtoSchema.Types.Attribute>)> nested)
    {
        foreach (var attribute in attributes)
        {
            var path = parentPath is null ? attribute.Name : parentPath + "." + attribute.Name;
            var notes = new List<string> { TypeName(attribute) };
            if (attribute.Sensitive)
            {
                notes.Add("Sensitive");
            }

            if (attribute.WriteOnly)
            {
                notes.Add("Write-only");
            }

            if (attribute.Deprecated)
            {
                notes.Add("Deprecated");
            }

            text.Append("- `").Append(attribute.Name).Append("` (").Append(string.Join(", ", notes)).Append(')');
            var description = OneParagraph(attribute.Description);
            if (description.Length > 0)
            {
                text.Append(' ').Append(description);
            }

            if (attribute.NestedType is { } nestedType)
            {
                text.Append(" (see [below for nested schema](#").Append(Anchor(path)).Append("))");
                nested.Add((path, nestedType.Attributes));
            }

            text.Append('\n');
        }
    }

    private static string TypeName(ProtoSchema.Types.Attribute attribute) => attribute.NestedType is { } nested
        ? nested.Nesting switch
        {
            ProtoSchema.Types.Object.Types.NestingMode.List => "Attributes List",
            ProtoSchema.Types.Object.Types.NestingMode.Set => "Attributes Set",
            ProtoSchema.Types.Object.Types.NestingMode.Map => "Attributes Map",
            _ => "Attributes",
        }
        : TypeName(CtyType.ParseJson(attribute.Type.Span));

    /// <summary>The type as the registry shows it: <c>String</c>, <c>List of String</c>, <c>Map of Number</c>…</summary>
    public static string TypeName(CtyType type) => type switch
    {
        CtyCollectionType collection => $"{collection.Kind switch { CtyTypeKind.List => "List", CtyTypeKind.Set => "Set", _ => "Map" }} of {TypeName(collection.ElementType)}",
        CtyObjectType => "Object",
        CtyTupleType => "Tuple",
        _ => type.Kind switch
        {
            CtyTypeKind.Bool => "Boolean",
            CtyTypeKind.Number => "Number",
            CtyTypeKind.String => "String",
            _ => "Dynamic",
        },
    };

    private static string Anchor(string path) => "nestedatt--" + path.Replace(".", "--", StringComparison.Ordinal);

    /// <summary>A description on one list line: line breaks inside a paragraph become spaces.</summary>
    private static string OneParagraph(string description) =>
        string.Join(' ', description.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
