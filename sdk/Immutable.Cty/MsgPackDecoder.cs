using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using MessagePack;

namespace Immutable.Cty;

/// <summary>
/// Reads values with MessagePack's low-level reader following go-cty's <c>msgpack.Unmarshal</c>. Every failure,
/// whatever the reader threw, becomes a <see cref="CtyDecodeException"/> carrying the path reached so far.
/// </summary>
internal sealed class MsgPackDecoder
{
    private const sbyte RefinedUnknownExtension = 12;

    // go-cty refuses refinement payloads above 1 KiB as abusive; here they just degrade to a plain unknown.
    private const int MaxRefinementPayload = 1024;

    private readonly PathTracker _path = new();
    private int _depth;

    public CtyValue DecodeRoot(ReadOnlyMemory<byte> bytes, CtyType type)
    {
        var reader = new MessagePackReader(bytes);
        try
        {
            if (reader.End)
            {
                throw Fail("no value: the input is empty");
            }

            CtyValue value = Decode(ref reader, type);
            if (!reader.End)
            {
                throw Fail($"unexpected data after the value ({bytes.Length - reader.Consumed} bytes)");
            }

            return value;
        }
        catch (CtyDecodeException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // MessagePackReader reports truncation and bad codes with several exception types.
            throw new CtyDecodeException(_path.ToPath(), "malformed msgpack: " + ex.Message, ex);
        }
    }

    internal static CtyNumber ReadNumber(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() : reader.ReadInt64();
            case MessagePackType.Float:
                double d = reader.NextCode == MessagePackCode.Float32 ? reader.ReadSingle() : reader.ReadDouble();
                if (double.IsNaN(d))
                {
                    throw new FormatException("NaN is not a valid number");
                }

                // Keep the exact binary value so the float goes back out bit for bit.
                return CtyNumber.FromDoubleExact(d);
            case MessagePackType.String:
            case MessagePackType.Binary:
                ReadOnlySequence<byte> text = ReadText(ref reader);
                byte[]? copy = text.IsSingleSegment ? null : text.ToArray();
                if (CtyNumber.TryParse(copy is null ? text.FirstSpan : copy, out CtyNumber n))
                {
                    return n;
                }

                throw new FormatException("number text is not a valid number");
            default:
                throw new FormatException("number is required");
        }
    }

    // go-cty's DecodeString accepts both str and bin.
    private static ReadOnlySequence<byte> ReadText(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Binary ? reader.ReadBytes()!.Value : reader.ReadStringSequence()!.Value;

    private static string ReadString(ref MessagePackReader reader)
    {
        ReadOnlySequence<byte> bytes = ReadText(ref reader);
        return CtyStrings.Normalize(CtyStrings.StrictUtf8.GetString(bytes));
    }

    private CtyValue Decode(ref MessagePackReader reader, CtyType type)
    {
        if (++_depth > CtyMsgPack.MaxDepth)
        {
            throw Fail($"value is nested more than {CtyMsgPack.MaxDepth} levels deep");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        try
        {
            MessagePackType next = reader.NextMessagePackType;
            if (next == MessagePackType.Extension)
            {
                // Every extension stands for an unknown value.
                return ReadUnknown(ref reader, type);
            }

            if (next == MessagePackType.Nil)
            {
                reader.ReadNil();
                return CtyValue.Null(type);
            }

            return type switch
            {
                { Kind: CtyTypeKind.Dynamic } => ReadDynamic(ref reader),
                { Kind: CtyTypeKind.Bool } => next == MessagePackType.Boolean ? CtyValue.Bool(reader.ReadBoolean()) : throw Fail("bool is required"),
                { Kind: CtyTypeKind.Number } => ReadNumberValue(ref reader),
                { Kind: CtyTypeKind.String } => next is MessagePackType.String or MessagePackType.Binary
                    ? CtyValue.String(ReadString(ref reader))
                    : throw Fail("string is required"),
                CtyListType or CtySetType or CtyTupleType => ReadSequence(ref reader, type),
                CtyMapType map => ReadMap(ref reader, map),
                CtyObjectType obj => ReadObject(ref reader, obj),
                _ => throw Fail($"unsupported type {type}"),
            };
        }
        finally
        {
            _depth--;
        }
    }

    private CtyValue ReadNumberValue(ref MessagePackReader reader)
    {
        try
        {
            return CtyValue.Number(ReadNumber(ref reader));
        }
        catch (FormatException ex)
        {
            throw Fail("number is required: " + ex.Message);
        }
    }

    private CtyValue ReadDynamic(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 2)
        {
            throw Fail("a dynamic value must be a two-element array of type and value");
        }

        if (reader.NextMessagePackType is not (MessagePackType.Binary or MessagePackType.String))
        {
            throw Fail("the type of a dynamic value must be JSON in a bin or str field");
        }

        ReadOnlySequence<byte> typeJson = ReadText(ref reader);
        CtyType type;
        try
        {
            type = CtyTypeJson.Parse(typeJson.IsSingleSegment ? typeJson.FirstSpan : typeJson.ToArray());
        }
        catch (CtyDecodeException ex)
        {
            throw Fail("invalid type in dynamic value: " + ex.Reason, ex);
        }

        return Decode(ref reader, type);
    }

    private CtyValue ReadSequence(ref MessagePackReader reader, CtyType type)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Fail(type.Kind switch
            {
                CtyTypeKind.List => "a list is required",
                CtyTypeKind.Set => "a set is required",
                _ => "a tuple is required",
            });
        }

        int count = reader.ReadArrayHeader();
        var tuple = type as CtyTupleType;
        if (tuple is not null && count != tuple.ElementTypes.Count)
        {
            throw Fail($"a tuple of length {tuple.ElementTypes.Count} is required ({count} given)");
        }

        CtyType elementType = (type as CtyCollectionType)?.ElementType ?? CtyType.Dynamic;
        var items = new CtyValue[count];
        _path.PushIndex(0);
        for (int i = 0; i < count; i++)
        {
            _path.SetIndex(i);
            items[i] = Decode(ref reader, tuple is null ? elementType : tuple.ElementTypes[i]);
        }

        _path.Pop();
        try
        {
            return type.Kind switch
            {
                CtyTypeKind.List => CtyValue.List(elementType, items),
                CtyTypeKind.Set => CtyValue.Set(elementType, items),
                _ => CtyValue.Tuple(items),
            };
        }
        catch (ArgumentException ex)
        {
            throw Fail(ex.Message, ex);
        }
    }

    private CtyValue ReadMap(ref MessagePackReader reader, CtyMapType type)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Fail("a map is required");
        }

        int count = reader.ReadMapHeader();

        // A repeated key keeps its last value, as Go's map assignment does.
        var entries = new Dictionary<string, CtyValue>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType is not (MessagePackType.String or MessagePackType.Binary))
            {
                throw Fail("map keys must be strings");
            }

            string key = ReadString(ref reader);
            _path.PushKey(key);
            entries[key] = Decode(ref reader, type.ElementType);
            _path.Pop();
        }

        string[] keys = [.. entries.Keys];
        Array.Sort(keys, CodePointComparer.Instance);
        CtyValue[] values = Array.ConvertAll(keys, k => entries[k]);
        try
        {
            return CtyValue.CreateMap(type.ElementType, keys, values);
        }
        catch (ArgumentException ex)
        {
            throw Fail(ex.Message, ex);
        }
    }

    private CtyValue ReadObject(ref MessagePackReader reader, CtyObjectType type)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw Fail("an object is required");
        }

        int count = reader.ReadMapHeader();
        var values = new CtyValue[type.AttributeNames.Count];
        for (int i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType is not (MessagePackType.String or MessagePackType.Binary))
            {
                throw Fail("object attribute names must be strings");
            }

            string name = ReadString(ref reader);
            _path.PushAttribute(name);
            int index = type.IndexOf(name);
            if (index < 0)
            {
                throw Fail("unsupported attribute");
            }

            if (values[index] is not null)
            {
                throw Fail("attribute appears more than once");
            }

            values[index] = Decode(ref reader, type.AttributeTypeAt(index));
            _path.Pop();
        }

        List<string> missing = [.. type.AttributeNames.Where((_, i) => values[i] is null)];
        if (missing.Count > 0)
        {
            throw Fail($"an object with {type.AttributeNames.Count} attributes is required; missing {string.Join(", ", missing.Select(m => "\"" + m + "\""))}");
        }

        return CtyValue.CreateObject(type, values);
    }

    private CtyValue ReadUnknown(ref MessagePackReader reader, CtyType type)
    {
        ExtensionResult ext = reader.ReadExtensionFormat();
        if (type.IsDynamic)
        {
            // An unknown of unknown type cannot carry refinements; any payload is ignored.
            return CtyValue.DynamicUnknown;
        }

        if (ext.TypeCode != RefinedUnknownExtension || ext.Data.Length <= 1 || ext.Data.Length > MaxRefinementPayload)
        {
            return CtyValue.Unknown(type);
        }

        try
        {
            return ReadRefinements(ext.Data, type);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Refinements are optional knowledge: a payload we cannot read still means "unknown".
            return CtyValue.Unknown(type);
        }
    }

    private static CtyValue ReadRefinements(ReadOnlySequence<byte> payload, CtyType type)
    {
        var r = new MessagePackReader(payload);
        int count = r.ReadMapHeader();
        CtyRefinementBuilder builder = CtyValue.Unknown(type).Refine();
        for (int i = 0; i < count; i++)
        {
            if (r.NextMessagePackType != MessagePackType.Integer)
            {
                throw new FormatException("refinement keys must be integers");
            }

            long key = r.ReadInt64();
            switch (key)
            {
                case 1:
                    if (r.ReadBoolean())
                    {
                        builder.Null();
                    }
                    else
                    {
                        builder.NotNull();
                    }

                    break;
                case 2 when type.Kind == CtyTypeKind.String:
                    builder.StringPrefixFull(ReadString(ref r));
                    break;
                case 3 or 4 when type.Kind == CtyTypeKind.Number:
                    if (r.ReadArrayHeader() != 2)
                    {
                        throw new FormatException("a number bound must be [number, inclusive]");
                    }

                    CtyNumber bound = ReadNumber(ref r);
                    bool inclusive = r.ReadBoolean();
                    if (key == 3)
                    {
                        builder.NumberRangeLowerBound(bound, inclusive);
                    }
                    else
                    {
                        builder.NumberRangeUpperBound(bound, inclusive);
                    }

                    break;
                case 5 or 6 when type.IsCollection:
                    long length = r.ReadInt64();
                    if (key == 5)
                    {
                        builder.CollectionLengthLowerBound(length);
                    }
                    else
                    {
                        builder.CollectionLengthUpperBound(length);
                    }

                    break;
                default:
                    // Unknown keys are reserved for future refinements; refinements that do not
                    // apply to this type are ignored too.
                    r.Skip();
                    break;
            }
        }

        return builder.NewValue();
    }

    private CtyDecodeException Fail(string reason, Exception? inner = null) => new(_path.ToPath(), reason, inner);
}
