using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Immutable.Cty;

/// <summary>
/// Writes values as go-cty's <c>ctyjson.Marshal</c> does, using <see cref="Utf8JsonWriter"/>.
/// </summary>
internal sealed class JsonValueEncoder
{
    private readonly PathTracker _path = new();

    public void EncodeRoot(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        if (!value.Type.ConformsTo(type))
        {
            throw new CtyEncodeException(CtyPath.Root, $"a value of type {value.Type} cannot be encoded as {type}");
        }

        using var writer = new Utf8JsonWriter(output, CtyTypeJson.WriterOptions);
        try
        {
            Write(writer, value, type);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new CtyEncodeException(_path.ToPath(), "value is nested too deeply to encode", ex);
        }

        writer.Flush();
    }

    private void Write(Utf8JsonWriter writer, CtyValue value, CtyType type)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (type.IsDynamic && !value.Type.IsDynamic)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            Write(writer, value, value.Type);
            writer.WritePropertyName("type");
            CtyTypeJson.Write(writer, value.Type);
            writer.WriteEndObject();
            return;
        }

        if (value.IsNull)
        {
            writer.WriteNullValue();
            return;
        }

        if (value.IsUnknown)
        {
            throw Fail("value is not known; JSON cannot represent unknown values");
        }

        switch (type)
        {
            case { Kind: CtyTypeKind.Bool }:
                writer.WriteBooleanValue(value.AsBool());
                break;
            case { Kind: CtyTypeKind.Number }:
                CtyNumber n = value.AsNumber();
                if (n.IsInfinity)
                {
                    throw Fail("JSON cannot represent an infinite number");
                }

                // Exact decimal text: the writer's own number methods would round through double.
                writer.WriteRawValue(n.ToString(), skipInputValidation: true);
                break;
            case { Kind: CtyTypeKind.String }:
                writer.WriteStringValue(value.AsString());
                break;
            case CtyCollectionType { Kind: CtyTypeKind.Map } map:
                CtyMapEntries entries = value.MapEntries;
                writer.WriteStartObject();
                for (int i = 0; i < entries.Count; i++)
                {
                    _path.PushKey(entries.Keys[i]);
                    writer.WritePropertyName(entries.Keys[i]);
                    Write(writer, entries.Values[i], map.ElementType);
                    _path.Pop();
                }

                writer.WriteEndObject();
                break;
            case CtyCollectionType collection:
                CtyValue[] items = value.Items;
                writer.WriteStartArray();
                for (int i = 0; i < items.Length; i++)
                {
                    if (collection.Kind == CtyTypeKind.Set)
                    {
                        _path.PushElement(items[i]);
                    }
                    else
                    {
                        _path.PushIndex(i);
                    }

                    Write(writer, items[i], collection.ElementType);
                    _path.Pop();
                }

                writer.WriteEndArray();
                break;
            case CtyTupleType tuple:
                CtyValue[] elements = value.Items;
                writer.WriteStartArray();
                for (int i = 0; i < elements.Length; i++)
                {
                    _path.PushIndex(i);
                    Write(writer, elements[i], tuple.ElementTypes[i]);
                    _path.Pop();
                }

                writer.WriteEndArray();
                break;
            case CtyObjectType obj:
                CtyValue[] attrs = value.Items;
                writer.WriteStartObject();
                for (int i = 0; i < attrs.Length; i++)
                {
                    string name = obj.AttributeNames[i];
                    _path.PushAttribute(name);
                    writer.WritePropertyName(name);
                    Write(writer, attrs[i], obj.AttributeTypeAt(i));
                    _path.Pop();
                }

                writer.WriteEndObject();
                break;
            default:
                throw Fail($"cannot encode a value of type {value.Type} as {type}");
        }
    }

    private CtyEncodeException Fail(string reason) => new(_path.ToPath(), reason);
}
