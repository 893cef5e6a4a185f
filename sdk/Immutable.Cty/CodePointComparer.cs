namespace Immutable.Cty;

/// <summary>
/// Orders strings by Unicode code point, which is the same order as comparing their UTF-8 bytes.
/// go-cty sorts object attributes and map keys with Go's byte-wise <c>sort.Strings</c>, and plain
/// UTF-16 ordinal comparison disagrees with that for characters outside the Basic Multilingual Plane.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    private CodePointComparer()
    {
    }

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

        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            char a = x[i];
            char b = y[i];
            if (a != b)
            {
                return Remap(a) - Remap(b);
            }
        }

        return x.Length - y.Length;
    }

    // Moves surrogates above U+E000..U+FFFF so that UTF-16 unit order matches code point order.
    private static int Remap(char c)
    {
        if (c < 0xD800)
        {
            return c;
        }

        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
