using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Immutable.Cty;

/// <summary>
/// Reads values as go-cty's <c>ctyjson.Unmarshal</c> does, using <see cref="Utf8JsonReader"/>, with the extra
/// option of ignoring undeclared object attributes (needed to upgrade state written by older schemas).
/// </summary>
internal sealed class JsonValueDecoder
{
    private readonly bool _ignoreUnknownAttributes;
    private readonly PathTracker _path = new();

    public JsonValueDecoder(bool ignoreUnknownAttributes)
    {
        _ignoreUnknownAttributes = ignoreUnknownAttributes;
    }

    public CtyValue DecodeRoot(ReadOnlySpan<byte> json, CtyType type)
    {
        var reader = new Utf8JsonReader(json, CtyTypeJson.ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw Fail("no value: the input is empty");
            }

            CtyValue value = Decode(ref reader, type);
            if (reader.Read())
            {
                throw Fail("unexpected data after the value");
            }

            return value;
        }
        catch (CtyDecodeException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Utf8JsonReader reports malformed text with JsonException and bad escapes with InvalidOperationException.
            throw new CtyDecodeException(_path.ToPath(), "malformed JSON: " + ex.Message, ex);
        }
    }

    /// <summary>Decodes the value whose first token the reader is on, leaving the reader on its last token.</summary>
    private CtyValue Decode(ref Utf8JsonReader reader, CtyType type)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return CtyValue.Null(type);
        }

        return type switch
        {
            { Kind: CtyTypeKind.Dynamic } => DecodeDynamic(ref reader),
            { Kind: CtyTypeKind.Bool } => DecodeBool(ref reader),
            { Kind: CtyTypeKind.Number } => DecodeNumber(ref reader),
            { Kind: CtyTypeKind.String } => DecodeString(ref reader),
            CtyCollectionType { Kind: CtyTypeKind.Map } map => DecodeMap(ref reader, map.ElementType),
            CtyCollectionType collection => DecodeSequence(ref reader, collection, null),
            CtyTupleType tuple => DecodeSequence(ref reader, null, tuple),
            CtyObjectType obj => DecodeObject(ref reader, obj),
            _ => throw Fail($"unsupported type {type}"),
        };
    }

    private CtyValue DecodeBool(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return CtyValue.True;
            case JsonTokenType.False:
                return CtyValue.False;
            case JsonTokenType.String:
                // go-cty's string-to-bool conversion.
                return reader.GetString() switch
                {
                    "true" or "1" => CtyValue.True,
                    "false" or "0" => CtyValue.False,
                    _ => throw Fail("a bool is required"),
                };
            default:
                throw Fail("bool is required");
        }
    }

    private CtyValue DecodeNumber(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (CtyNumber.TryParse(reader.ValueSpan, out CtyNumber n))
                {
                    return CtyValue.Number(n);
                }

                throw Fail("number is out of the supported range");
            case JsonTokenType.String:
                if (CtyNumber.TryParse(reader.GetString(), out CtyNumber s))
                {
                    return CtyValue.Number(s);
                }

                throw Fail("a number is required");
            default:
                throw Fail("number is required");
        }
    }

    private CtyValue DecodeString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => CtyValue.String(reader.GetString()!),

        // The number's own text, as go-cty keeps json.Number.
        JsonTokenType.Number => CtyValue.String(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => CtyValue.String("true"),
        JsonTokenType.False => CtyValue.String("false"),
        _ => throw Fail("string is required"),
    };

    private CtyValue DecodeSequence(ref Utf8JsonReader reader, CtyCollectionType? collection, CtyTupleType? tuple)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(collection?.Kind switch
            {
                CtyTypeKind.List => "need JSON array for list",
                CtyTypeKind.Set => "need JSON array for set",
                _ => "need JSON array for tuple",
            });
        }

        var items = new List<CtyValue>();
        _path.PushIndex(0);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            _path.SetIndex(items.Count);
            CtyType elementType;
            if (tuple is not null)
            {
                if (items.Count >= tuple.ElementTypes.Count)
                {
                    _path.Pop();
                    throw Fail($"too many tuple elements (need {tuple.ElementTypes.Count})");
                }

                elementType = tuple.ElementTypes[items.Count];
            }
            else
            {
                elementType = collection!.ElementType;
            }

            items.Add(Decode(ref reader, elementType));
        }

        _path.Pop();
        try
        {
            if (tuple is not null)
            {
                if (items.Count != tuple.ElementTypes.Count)
                {
                    throw Fail($"not enough tuple elements (need {tuple.ElementTypes.Count})");
                }

                return CtyValue.Tuple(items);
            }

            return collection!.Kind == CtyTypeKind.Set ? CtyValue.Set(collection.ElementType, items) : CtyValue.List(collection.ElementType, items);
        }
        catch (ArgumentException ex)
        {
            throw Fail(ex.Message, ex);
        }
    }

    private CtyValue DecodeMap(ref Utf8JsonReader reader, CtyType elementType)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("need JSON object for map");
        }

        var entries = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = CtyStrings.Normalize(reader.GetString()!);
            _path.PushKey(key);
            Next(ref reader);
            entries[key] = Decode(ref reader, elementType);
            _path.Pop();
        }

        string[] keys = [.. entries.Keys];
        Array.Sort(keys, CodePointComparer.Instance);
        try
        {
            return CtyValue.CreateMap(elementType, keys, Array.ConvertAll(keys, k => entries[k]));
        }
        catch (ArgumentException ex)
        {
            throw Fail(ex.Message, ex);
        }
    }

    private CtyValue DecodeObject(ref Utf8JsonReader reader, CtyObjectType type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("need JSON object for object");
        }

        var values = new CtyValue[type.AttributeNames.Count];
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string name = CtyStrings.Normalize(reader.GetString()!);
            int index = type.IndexOf(name);
            Next(ref reader);
            if (index < 0)
            {
                if (_ignoreUnknownAttributes)
                {
                    reader.Skip();
                    continue;
                }

                throw Fail($"unsupported attribute \"{name}\"");
            }

            _path.PushAttribute(name);
            values[index] = Decode(ref reader, type.AttributeTypeAt(index));
            _path.Pop();
        }

        // ctyjson fills in every attribute the JSON left out with null.
        for (int i = 0; i < values.Length; i++)
        {
            values[i] ??= CtyValue.Null(type.AttributeTypeAt(i));
        }

        return CtyValue.CreateObject(type, values);
    }

    private CtyValue DecodeDynamic(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("need JSON object for dynamically-typed value");
        }

        CtyType? type = null;
        Utf8JsonReader valueReader = default;
        bool haveValue = false;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            Next(ref reader);
            switch (key)
            {
                case "type":
                    try
                    {
                        type = CtyTypeJson.Read(ref reader);
                    }
                    catch (CtyDecodeException ex)
                    {
                        throw Fail("failed to decode type for dynamic value: " + ex.Reason, ex);
                    }

                    break;
                case "value":
                    // The type may come after the value: remember where the value starts and decode it later.
                    valueReader = reader;
                    haveValue = true;
                    reader.Skip();
                    break;
                default:
                    throw Fail($"invalid key \"{key}\" in dynamically-typed value");
            }
        }

        if (type is null)
        {
            throw Fail("missing type in dynamically-typed value");
        }

        if (!haveValue)
        {
            throw Fail("missing value in dynamically-typed value");
        }

        return Decode(ref valueReader, type);
    }

    private JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Fail("unexpected end of JSON input");
        }

        return reader.TokenType;
    }

    private CtyDecodeException Fail(string reason, Exception? inner = null) => new(_path.ToPath(), reason, inner);
}
