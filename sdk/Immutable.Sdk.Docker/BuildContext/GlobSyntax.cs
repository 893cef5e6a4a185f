namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// The syntax check Docker runs on every pattern before use: moby/patternmatcher calls Go's
/// <c>filepath.Match(pattern, ".")</c> only for its error, and Go validates the whole pattern:
/// a <c>\</c> must escape something, and a <c>[...]</c> class must be closed, non-empty, and made of
/// single (possibly escaped) characters or <c>lo-hi</c> ranges, where neither end may be a bare
/// <c>-</c> or <c>]</c>. Reversed ranges pass here; Docker rejects them later, and so do we.
/// </summary>
internal static class GlobSyntax
{
    /// <summary>Returns null when the pattern is well formed, else why not.</summary>
    public static string? Check(string pattern)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            switch (pattern[i])
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        return "a trailing '\\' escapes nothing";
                    }

                    i += 2;
                    break;
                case '[':
                    var error = CheckClass(pattern, ref i);
                    if (error is not null)
                    {
                        return error;
                    }

                    break;
                default:
                    i++;
                    break;
            }
        }

        return null;
    }

    private static string? CheckClass(string pattern, ref int i)
    {
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        var ranges = 0;
        while (true)
        {
            if (i < pattern.Length && pattern[i] == ']' && ranges > 0)
            {
                i++;
                return null;
            }

            if (!TakeClassChar(pattern, ref i))
            {
                return "malformed character class";
            }

            if (pattern[i] == '-')
            {
                i++;
                if (!TakeClassChar(pattern, ref i))
                {
                    return "malformed character class range";
                }
            }

            ranges++;
        }
    }

    // Go's getEsc: one possibly-escaped character that must be followed by more pattern.
    private static bool TakeClassChar(string pattern, ref int i)
    {
        if (i >= pattern.Length || pattern[i] is '-' or ']')
        {
            return false;
        }

        if (pattern[i] == '\\')
        {
            i++;
            if (i >= pattern.Length)
            {
                return false;
            }
        }

        i += char.IsHighSurrogate(pattern[i]) && i + 1 < pattern.Length ? 2 : 1;
        return i < pattern.Length;
    }
}
