using System.Text.Json;
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

    /// <summary>Creates a codec for one model and its schema.</summary>
    public ModelCodec(JsonTypeInfo<TModel> info, ObjectSchema schema)
    {
        _info = info;
        _schema = schema;
    }

    /// <summary>The model for a value; unknowns become null.</summary>
    public TModel ToModel(CtyValue value)
    {
        var known = CtyValues.UnknownsToNull(value);
        var json = CtyJson.Encode(known, _schema.Type);
        return JsonSerializer.Deserialize(json, _info)
            ?? throw new InvalidOperationException($"{typeof(TModel).Name} cannot be built from a null object.");
    }

    /// <summary>The value for a model.</summary>
    public CtyValue FromModel(TModel model)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(model, _info);
        return CtyJson.Decode(json, _schema.Type);
    }
}
