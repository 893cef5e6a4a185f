using System.Buffers;
using System.Runtime.CompilerServices;
using MessagePack;

namespace Immutable.Cty;

/// <summary>
/// Writes values with MessagePack's low-level writer following go-cty's <c>msgpack.Marshal</c>.
/// </summary>
internal sealed class MsgPackEncoder
{
    private const sbyte UnknownExtension = 0;
    private const sbyte RefinedUnknownExtension = 12;

    // go-cty writes a wholly unknown value as fixext1 type 0 with a single zero byte: d4 00 00.
    private static readonly byte[] UnknownPayload = [0];

    private readonly PathTracker _path = new();

    public void EncodeRoot(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        if (!value.Type.ConformsTo(type))
        {
            throw new CtyEncodeException(CtyPath.Root, $"a value of type {value.Type} cannot be encoded as {type}");
        }

        var writer = new MessagePackWriter(output);
        try
        {
            Encode(ref writer, value, type);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new CtyEncodeException(_path.ToPath(), "value is nested too deeply to encode", ex);
        }

        writer.Flush();
    }

    internal static void WriteNumber(ref MessagePackWriter writer, CtyNumber number)
    {
        if (number.IsInfinity)
        {
            writer.Write(number.IsPositiveInfinity ? double.PositiveInfinity : double.NegativeInfinity);
        }
        else if (number.TryGetInt64(out long whole))
        {
            writer.Write(whole);
        }
        else if (number.TryGetExactDouble(out double d))
        {
            writer.Write(d);
        }
        else
        {
            // Too big or too precise for the native formats: decimal text, as go-cty's Text('f', -1).
            writer.Write(number.ToString());
        }
    }

    private void Encode(ref MessagePackWriter writer, CtyValue value, CtyType type)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (type.IsDynamic && !value.Type.IsDynamic)
        {
            // The reader cannot know the type, so it travels with the value as JSON in a bin field.
            writer.WriteArrayHeader(2);
            writer.Write(value.Type.ToJsonBytes());
            Encode(ref writer, value, value.Type);
            return;
        }

        if (value.IsUnknown)
        {
            WriteUnknown(ref writer, value);
            return;
        }

        if (value.IsNull)
        {
            writer.WriteNil();
            return;
        }

        switch (type)
        {
            case { Kind: CtyTypeKind.Bool }:
                writer.Write(value.AsBool());
                break;
            case { Kind: CtyTypeKind.Number }:
                WriteNumber(ref writer, value.AsNumber());
                break;
            case { Kind: CtyTypeKind.String }:
                writer.Write(value.AsString());
                break;
            case CtyListType list:
                WriteSequence(ref writer, value.Items, i => list.ElementType, asSet: false);
                break;
            case CtySetType set:
                WriteSequence(ref writer, value.Items, i => set.ElementType, asSet: true);
                break;
            case CtyTupleType tuple:
                WriteSequence(ref writer, value.Items, i => tuple.ElementTypes[i], asSet: false);
                break;
            case CtyMapType map:
                CtyMapEntries entries = value.MapEntries;
                writer.WriteMapHeader(entries.Count);
                for (int i = 0; i < entries.Count; i++)
                {
                    _path.PushKey(entries.Keys[i]);
                    writer.Write(entries.Keys[i]);
                    Encode(ref writer, entries.Values[i], map.ElementType);
                    _path.Pop();
                }

                break;
            case CtyObjectType obj:
                CtyValue[] attrs = value.Items;
                writer.WriteMapHeader(attrs.Length);
                for (int i = 0; i < attrs.Length; i++)
                {
                    string name = obj.AttributeNames[i];
                    _path.PushAttribute(name);
                    writer.Write(name);
                    Encode(ref writer, attrs[i], obj.AttributeTypeAt(i));
                    _path.Pop();
                }

                break;
            default:
                throw new CtyEncodeException(_path.ToPath(), $"cannot encode a value of type {value.Type} as {type}");
        }
    }

    private void WriteSequence(ref MessagePackWriter writer, CtyValue[] items, Func<int, CtyType> elementType, bool asSet)
    {
        writer.WriteArrayHeader(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            if (asSet)
            {
                _path.PushElement(items[i]);
            }
            else
            {
                _path.PushIndex(i);
            }

            Encode(ref writer, items[i], elementType(i));
            _path.Pop();
        }
    }

    private static void WriteUnknown(ref MessagePackWriter writer, CtyValue value)
    {
        byte[]? payload = value.Type.IsDynamic ? null : RefinementPayload(value.Type, value.Refinements);
        if (payload is null)
        {
            writer.WriteExtensionFormat(new ExtensionResult(UnknownExtension, UnknownPayload));
            return;
        }

        writer.WriteExtensionFormat(new ExtensionResult(RefinedUnknownExtension, payload));
    }

    // The refinement map of go-cty's unknown.go: 1 = nullness, 2 = string prefix, 3/4 = number bounds as
    // [number, inclusive], 5/6 = collection length bounds. Returns null when there is nothing to say.
    private static byte[]? RefinementPayload(CtyType type, CtyRefinements? refinements)
    {
        if (refinements is null)
        {
            return null;
        }

        string? prefix = type.Kind == CtyTypeKind.String && refinements.StringPrefix is { } p ? CtyStrings.TruncatePrefixForWire(p) : null;
        bool isNumber = type.Kind == CtyTypeKind.Number;
        bool isCollection = type.IsCollection;
        int count = 0;
        count += refinements.IsNotNull ? 1 : 0;
        count += !string.IsNullOrEmpty(prefix) ? 1 : 0;
        count += isNumber && refinements.NumberLowerBound is not null ? 1 : 0;
        count += isNumber && refinements.NumberUpperBound is not null ? 1 : 0;
        count += isCollection && refinements.CollectionLengthLowerBound != 0 ? 1 : 0;
        count += isCollection && refinements.CollectionLengthUpperBound is not null ? 1 : 0;
        if (count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(count);
        if (refinements.IsNotNull)
        {
            w.Write(1);
            w.Write(false);
        }

        if (isNumber)
        {
            WriteBound(ref w, 3, refinements.NumberLowerBound, refinements.NumberLowerBoundInclusive);
            WriteBound(ref w, 4, refinements.NumberUpperBound, refinements.NumberUpperBoundInclusive);
        }
        else if (!string.IsNullOrEmpty(prefix))
        {
            w.Write(2);
            w.Write(prefix);
        }
        else if (isCollection)
        {
            if (refinements.CollectionLengthLowerBound != 0)
            {
                w.Write(5);
                w.Write(refinements.CollectionLengthLowerBound);
            }

            if (refinements.CollectionLengthUpperBound is { } max)
            {
                w.Write(6);
                w.Write(max);
            }
        }

        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteBound(ref MessagePackWriter w, int key, CtyNumber? bound, bool inclusive)
    {
        if (bound is not { } b)
        {
            return;
        }

        w.Write(key);
        w.WriteArrayHeader(2);
        WriteNumber(ref w, b);
        w.Write(inclusive);
    }
}
