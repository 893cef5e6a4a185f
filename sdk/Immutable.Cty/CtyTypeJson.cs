using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Immutable.Cty;

/// <summary>
/// go-cty's JSON type encoding: a primitive is its name as a JSON string, a collection is
/// <c>[kind, element]</c>, an object is <c>["object", {attrs}]</c> plus a sorted list of optional names
/// when there are any, and a tuple is <c>["tuple", [types]]</c>.
/// </summary>
internal static class CtyTypeJson
{
    // Deep enough for any real schema while keeping recursion far from the stack limit.
    internal const int MaxJsonDepth = 1024;

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // go-cty leaves non-ASCII text as UTF-8; the relaxed encoder does the same for the BMP.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
        MaxDepth = 4096,
    };

    internal static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static string Write(CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, type);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, CtyType type)
    {
        switch (type)
        {
            case CtyPrimitiveType p:
                writer.WriteStringValue(p.FriendlyName);
                break;
            case CtyCollectionType c:
                writer.WriteStartArray();
                writer.WriteStringValue(c.Kind switch
                {
                    CtyTypeKind.List => "list",
                    CtyTypeKind.Set => "set",
                    _ => "map",
                });
                Write(writer, c.ElementType);
                writer.WriteEndArray();
                break;
            case CtyObjectType o:
                writer.WriteStartArray();
                writer.WriteStringValue("object");
                writer.WriteStartObject();
                for (int i = 0; i < o.AttributeNames.Count; i++)
                {
                    writer.WritePropertyName(o.AttributeNames[i]);
                    Write(writer, o.AttributeTypeAt(i));
                }

                writer.WriteEndObject();
                if (o.OptionalAttributes.Count > 0)
                {
                    writer.WriteStartArray();
                    foreach (string name in o.AttributeNames)
                    {
                        if (o.IsOptional(name))
                        {
                            writer.WriteStringValue(name);
                        }
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            case CtyTupleType t:
                writer.WriteStartArray();
                writer.WriteStringValue("tuple");
                writer.WriteStartArray();
                foreach (CtyType e in t.ElementTypes)
                {
                    Write(writer, e);
                }

                writer.WriteEndArray();
                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException("Unsupported type " + type);
        }
    }

    public static CtyType Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw Fail("empty type description");
            }

            CtyType type = Read(ref reader);
            if (reader.Read())
            {
                throw Fail("extraneous data after type description");
            }

            return type;
        }
        catch (JsonException ex)
        {
            throw new CtyDecodeException(CtyPath.Root, "invalid type description: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new CtyDecodeException(CtyPath.Root, "invalid type description: " + ex.Message, ex);
        }
    }

    /// <summary>Reads a type whose first token the reader is positioned on; leaves the reader on its last token.</summary>
    public static CtyType Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                string name = reader.GetString()!;
                return name switch
                {
                    "bool" => CtyType.Bool,
                    "number" => CtyType.Number,
                    "string" => CtyType.String,
                    "dynamic" => CtyType.Dynamic,
                    _ => throw Fail($"invalid primitive type name \"{name}\""),
                };
            case JsonTokenType.StartArray:
                break;
            default:
                throw Fail("invalid type description");
        }

        Next(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail("invalid complex type kind name");
        }

        string kind = reader.GetString()!;
        Next(ref reader);
        CtyType result;
        switch (kind)
        {
            case "list":
                result = CtyType.List(Read(ref reader));
                break;
            case "set":
                result = CtyType.Set(Read(ref reader));
                break;
            case "map":
                result = CtyType.Map(Read(ref reader));
                break;
            case "tuple":
                result = ReadTuple(ref reader);
                break;
            case "object":
                result = ReadObject(ref reader);
                break;
            default:
                throw Fail($"invalid complex type kind name \"{kind}\"");
        }

        Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw Fail("unexpected extra data in type description");
        }

        return result;
    }

    private static CtyTupleType ReadTuple(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail("tuple element types must be a JSON array");
        }

        var types = new List<CtyType>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            types.Add(Read(ref reader));
        }

        return CtyType.Tuple(types);
    }

    private static CtyObjectType ReadObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("object attribute types must be a JSON object");
        }

        // Later duplicates win, as with Go's map decoding.
        var attrs = new Dictionary<string, CtyType>(StringComparer.Ordinal);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            string name = CtyStrings.Normalize(reader.GetString()!);
            Next(ref reader);
            attrs[name] = Read(ref reader);
        }

        List<string>? optional = null;
        if (PeekIsStartArray(reader))
        {
            Next(ref reader);
            optional = [];
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    throw Fail("optional attribute names must be strings");
                }

                optional.Add(reader.GetString()!);
            }
        }

        try
        {
            return CtyType.Object(attrs, optional);
        }
        catch (ArgumentException ex)
        {
            throw Fail(ex.Message);
        }
    }

    private static bool PeekIsStartArray(Utf8JsonReader copy)
    {
        // The reader is a struct: reading from a copy peeks without consuming.
        return copy.Read() && copy.TokenType == JsonTokenType.StartArray;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Fail("unexpected end of type description");
        }
    }

    private static CtyDecodeException Fail(string reason) => new(CtyPath.Root, reason);
}
