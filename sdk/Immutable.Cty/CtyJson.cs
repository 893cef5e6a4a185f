using System.Buffers;

namespace Immutable.Cty;

/// <summary>
/// go-cty's JSON encoding of values (<c>ctyjson</c>), used for Terraform's <c>DynamicValue.json</c> and for
/// <c>RawState.json</c> in <c>UpgradeResourceState</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>numbers are JSON numbers written as exact decimal text; strings, bools, arrays and objects map directly.</item>
/// <item>objects always carry every attribute; dynamic-typed values are <c>{"value":…,"type":…}</c>.</item>
/// <item>unknown values and infinities cannot be encoded; marks are not written.</item>
/// <item>decoding is tolerant as ctyjson is: a string can supply a number (<c>"5"</c>) or a bool (<c>"true"</c>,
/// <c>"1"</c>, <c>"false"</c>, <c>"0"</c>), a number or bool can supply a string, and missing object attributes
/// become null.</item>
/// </list>
/// </remarks>
public static class CtyJson
{
    /// <summary>Encodes <paramref name="value"/> as JSON for <paramref name="type"/>.</summary>
    /// <param name="value">The value; it must be wholly known.</param>
    /// <param name="type">The type the reader will decode with; may contain <see cref="CtyType.Dynamic"/>.</param>
    /// <returns>UTF-8 JSON bytes.</returns>
    /// <exception cref="CtyEncodeException">The value is not wholly known, holds an infinity, or does not conform to the type.</exception>
    public static byte[] Encode(CtyValue value, CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(value, type, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> as JSON for <paramref name="type"/> into <paramref name="output"/>.</summary>
    /// <param name="value">The value; it must be wholly known.</param>
    /// <param name="type">The type the reader will decode with.</param>
    /// <param name="output">Where the UTF-8 bytes go.</param>
    /// <exception cref="CtyEncodeException">The value cannot be encoded.</exception>
    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(output);
        new JsonValueEncoder().EncodeRoot(value, type, output);
    }

    /// <summary>Encodes <paramref name="value"/> as a JSON string.</summary>
    /// <param name="value">The value; it must be wholly known.</param>
    /// <param name="type">The type the reader will decode with.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="CtyEncodeException">The value cannot be encoded.</exception>
    public static string EncodeToString(CtyValue value, CtyType type) => System.Text.Encoding.UTF8.GetString(Encode(value, type));

    /// <summary>Decodes JSON as a value of <paramref name="type"/>.</summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <param name="type">The type to decode as.</param>
    /// <param name="ignoreUnknownAttributes">
    /// Drop object properties the type does not declare instead of failing, at every level. Use this for
    /// <c>RawState.json</c>, which was written with the schema of an older provider version: removed attributes
    /// are dropped and attributes added since then come back null.
    /// </param>
    /// <returns>The value.</returns>
    /// <exception cref="CtyDecodeException">The input is malformed or does not match the type; the exception's path tells where.</exception>
    public static CtyValue Decode(ReadOnlySpan<byte> utf8Json, CtyType type, bool ignoreUnknownAttributes = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new JsonValueDecoder(ignoreUnknownAttributes).DecodeRoot(utf8Json, type);
    }

    /// <summary>Decodes a JSON string as a value of <paramref name="type"/>; see <see cref="Decode(ReadOnlySpan{byte}, CtyType, bool)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="type">The type to decode as.</param>
    /// <param name="ignoreUnknownAttributes">Drop object properties the type does not declare instead of failing.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CtyDecodeException">The input is malformed or does not match the type.</exception>
    public static CtyValue Decode(string json, CtyType type, bool ignoreUnknownAttributes = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Decode(System.Text.Encoding.UTF8.GetBytes(json), type, ignoreUnknownAttributes);
    }
}
