namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Orders paths by Unicode code point, which is the byte order of their UTF-8 form. Plain ordinal
/// comparison of .NET strings orders UTF-16 code units and puts U+E000..U+FFFF after astral characters;
/// byte order does not, and it is what every machine agrees on.
/// </summary>
public sealed class PathOrder : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static PathOrder Instance { get; } = new();

    private PathOrder()
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

        // Paths share long prefixes; skip them with a vectorized scan, then order the first difference.
        var common = x.AsSpan().CommonPrefixLength(y);
        return common < x.Length && common < y.Length ? Fix(x[common]) - Fix(y[common]) : x.Length - y.Length;
    }

    // Moves surrogates above U+FFFF and U+E000..U+FFFF down, giving code point order.
    private static int Fix(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
}
