using System.Buffers;

namespace Immutable.Cty;

/// <summary>
/// go-cty's msgpack encoding of values, used for Terraform's <c>DynamicValue.msgpack</c>: the format
/// Terraform prefers and the one providers must reply with.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>null is msgpack nil; an unknown is extension 0 with one zero byte (<c>d4 00 00</c>), or extension 12
/// whose payload is a map of refinements when it has any. Any extension type reads back as unknown.</item>
/// <item>numbers are written as an integer when whole and within 64 bits, else as a float64 when that is exact,
/// else as decimal text; infinities are float64.</item>
/// <item>objects are maps holding every attribute in sorted order; dynamic-typed values are
/// <c>[type JSON as bin, value]</c>.</item>
/// <item>marks are not written.</item>
/// </list>
/// </remarks>
public static class CtyMsgPack
{
    /// <summary>
    /// The deepest nesting the decoder accepts (each collection, structure or dynamic wrapper is one level).
    /// Deeper input is rejected rather than risking the stack.
    /// </summary>
    public const int MaxDepth = 512;

    /// <summary>Encodes <paramref name="value"/> as a value of <paramref name="type"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">The type the reader will decode with (typically the schema's type); may contain <see cref="CtyType.Dynamic"/>.</param>
    /// <returns>The msgpack bytes.</returns>
    /// <exception cref="CtyEncodeException">The value does not conform to the type.</exception>
    public static byte[] Encode(CtyValue value, CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(value, type, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> as a value of <paramref name="type"/> into <paramref name="output"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">The type the reader will decode with.</param>
    /// <param name="output">Where the bytes go.</param>
    /// <exception cref="CtyEncodeException">The value does not conform to the type.</exception>
    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(output);
        new MsgPackEncoder().EncodeRoot(value, type, output);
    }

    /// <summary>Decodes msgpack bytes as a value of <paramref name="type"/>.</summary>
    /// <param name="msgpack">The bytes.</param>
    /// <param name="type">The type to decode as (typically the schema's type).</param>
    /// <returns>The value.</returns>
    /// <exception cref="CtyDecodeException">The input is malformed or does not match the type; the exception's path tells where.</exception>
    public static CtyValue Decode(ReadOnlyMemory<byte> msgpack, CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new MsgPackDecoder().DecodeRoot(msgpack, type);
    }
}
