namespace Immutable.Cty;

/// <summary>
/// Orders strings by Unicode code point, which is the same order as comparing their UTF-8 bytes.
/// go-cty sorts object attributes and map keys with Go's byte-wise <c>sort.Strings</c>, Docker's tar
/// and digests order paths by bytes, and plain UTF-16 ordinal comparison disagrees with both for
/// characters outside the Basic Multilingual Plane. The one such comparison in the SDK.
/// </summary>
public sealed class CodePointComparer : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static CodePointComparer Instance { get; } = new();

    private CodePointComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        // Keys and paths share long prefixes; skip them with a vectorized scan, then order the first difference.
        var common = x.AsSpan().CommonPrefixLength(y);
        return common < x.Length && common < y.Length ? Remap(x[common]) - Remap(y[common]) : x.Length - y.Length;
    }

    // Moves surrogates above U+E000..U+FFFF so that UTF-16 unit order matches code point order.
    private static int Remap(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
}
