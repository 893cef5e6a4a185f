using System.Globalization;
using System.Text;

namespace Immutable.Cty;

/// <summary>
/// String helpers shared by values, refinements and codecs.
/// </summary>
public static class CtyStrings
{
    // go-cty decodes strictly so malformed UTF-8 surfaces as an error instead of silently becoming U+FFFD.
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Applies Unicode NFC normalization, as go-cty does for every string value, map key and attribute name.
    /// </summary>
    /// <remarks>
    /// .NET performs normalization through ICU. A host running with <c>InvariantGlobalization</c>
    /// enabled returns non-ASCII strings unchanged, so such hosts keep whatever form they were given.
    /// </remarks>
    /// <param name="value">The string to normalize.</param>
    /// <returns>The NFC form of <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate.</exception>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (char c in value)
        {
            if (c >= 0x80)
            {
                return value.Normalize(NormalizationForm.FormC);
            }
        }

        // ASCII is always in NFC, and most Terraform strings are ASCII.
        return value;
    }

    /// <summary>
    /// Returns the longest prefix of <paramref name="prefix"/> that stays a prefix of any string that starts
    /// with it once that string is NFC-normalized, mirroring go-cty's <c>ctystrings.SafeKnownPrefix</c>:
    /// the final grapheme cluster is dropped (it could still be extended by a combining mark) unless it is
    /// one of a small set of delimiter characters that cannot combine with anything.
    /// </summary>
    /// <param name="prefix">A known prefix of some unknown string.</param>
    /// <returns>The safe prefix, possibly empty.</returns>
    public static string SafeKnownPrefix(string prefix)
    {
        prefix = Normalize(prefix);
        if (prefix.Length == 0)
        {
            return prefix;
        }

        int lastStart = 0;
        int index = 0;
        while (index < prefix.Length)
        {
            lastStart = index;
            index += StringInfo.GetNextTextElementLength(prefix, index);
        }

        string last = prefix[lastStart..];
        if (last.Length == 1 && IsClusterTerminator(last[0]))
        {
            return prefix;
        }

        return prefix[..lastStart];
    }

    /// <summary>
    /// Shortens a string-prefix refinement to at most 256 UTF-8 bytes the way go-cty's msgpack encoder does,
    /// so that a refinement payload always stays within the 1 KiB limit its decoder enforces.
    /// </summary>
    internal static string TruncatePrefixForWire(string prefix)
    {
        const int maxBytes = 256;
        int byteCount = StrictUtf8.GetByteCount(prefix);
        if (byteCount <= maxBytes)
        {
            return prefix;
        }

        // Keep whole code points totalling at most 255 bytes, then make the result safe again.
        int bytes = 0;
        int i = 0;
        while (i < prefix.Length)
        {
            int width;
            int units;
            if (char.IsHighSurrogate(prefix[i]) && i + 1 < prefix.Length && char.IsLowSurrogate(prefix[i + 1]))
            {
                width = 4;
                units = 2;
            }
            else
            {
                char c = prefix[i];
                width = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                units = 1;
            }

            if (bytes + width > maxBytes - 1)
            {
                break;
            }

            bytes += width;
            i += units;
        }

        return SafeKnownPrefix(prefix[..i]);
    }

    // The characters go-cty trusts to end a grapheme cluster: common delimiters, never letters or digits.
    private static bool IsClusterTerminator(char c) => c switch
    {
        '-' or '_' or ':' or ';' or '/' or '\\' or ',' or '.' or '(' or ')' or '{' or '}' or '[' or ']'
            or '|' or '?' or '!' or '~' or ' ' or '\t' or '@' or '#' or '$' or '%' or '^' or '&' or '*'
            or '+' or '"' or '\'' => true,
        _ => false,
    };
}
