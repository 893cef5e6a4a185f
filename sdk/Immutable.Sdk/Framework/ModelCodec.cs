using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// Converts between cty values and a resource's C# model through JSON: cty's JSON codec on one
/// side, the model's source-generated System.Text.Json metadata on the other. Unknown values have
/// no C# form, so they reach the model as null.
/// </summary>
public sealed class ModelCodec<TModel>
    where TModel : class
{
    private readonly JsonTypeInfo<TModel> _info;
    private readonly ObjectSchema _schema;
    private readonly bool _renames;

    /// <summary>Creates a codec for one model and its schema.</summary>
    public ModelCodec(JsonTypeInfo<TModel> info, ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _info = info;
        _schema = schema;
        _renames = ModelNameMapping.NeedsRenaming(schema);
    }

    /// <summary>The model for a value; unknowns become null.</summary>
    public TModel ToModel(CtyValue value) =>
        (TModel?)ToClr(value, _schema.Type, _schema, _info)
            ?? throw new InvalidOperationException($"{typeof(TModel).Name} cannot be built from a null object.");

    /// <summary>The value for a model.</summary>
    public CtyValue FromModel(TModel model) => ToCty(model, _schema.Type, _schema, _info);

    /// <summary>A CLR value of <paramref name="info"/>'s type for a cty value (unknowns become null); <paramref name="nested"/> names its object attributes, if any.</summary>
    internal object? ToClr(CtyValue value, CtyType type, ObjectSchema? nested, JsonTypeInfo info)
    {
        var json = CtyJson.Encode(CtyValues.UnknownsToNull(value), type);
        if (!_renames || nested is null)
        {
            return JsonSerializer.Deserialize(json, info);
        }

        var node = JsonNode.Parse(json);
        RenameValue(node, type, nested, toJsonNames: true);
        return node.Deserialize(info);
    }

    /// <summary>The cty value of <paramref name="type"/> for a CLR value of <paramref name="info"/>'s type.</summary>
    internal CtyValue ToCty(object? value, CtyType type, ObjectSchema? nested, JsonTypeInfo info)
    {
        if (!_renames || nested is null)
        {
            return CtyJson.Decode(JsonSerializer.SerializeToUtf8Bytes(value, info), type);
        }

        var node = JsonSerializer.SerializeToNode(value, info);
        RenameValue(node, type, nested, toJsonNames: false);
        return CtyJson.Decode(System.Text.Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), type);
    }

    /// <summary>The model's JSON metadata options, for the types of its members.</summary>
    internal JsonSerializerOptions Options => _info.Options;

    // A value of an attribute's type holds its nested objects the way the attribute's nesting says.
    private static void RenameValue(JsonNode? node, CtyType type, ObjectSchema nested, bool toJsonNames) =>
        ModelNameMapping.RenameNested(node, type.Kind switch
        {
            CtyTypeKind.Object => NestingMode.Single,
            CtyTypeKind.List => NestingMode.List,
            CtyTypeKind.Set => NestingMode.Set,
            CtyTypeKind.Map => NestingMode.Map,
            _ => NestingMode.None,
        }, nested, toJsonNames);
}
