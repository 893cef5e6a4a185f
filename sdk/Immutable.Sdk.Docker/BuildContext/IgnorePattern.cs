using System.Text;
using System.Text.RegularExpressions;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>How a pattern is matched: moby/patternmatcher's three string fast paths, or a regular expression.</summary>
internal enum PatternMatchKind
{
    /// <summary>No wildcard: the path must equal the pattern.</summary>
    Exact,

    /// <summary>Literal text then a trailing <c>**</c>: the path must start with the text.</summary>
    Prefix,

    /// <summary>A leading <c>**</c> then literal text: the path must end with the text.</summary>
    Suffix,

    /// <summary>Anything else: the translated regular expression.</summary>
    Regex,
}

/// <summary>
/// One cleaned .dockerignore pattern. Matching reproduces moby/patternmatcher's <c>Pattern.match</c>,
/// including its quirks: the fast paths compare raw strings (so <c>**.txt</c> matches <c>a/b.txt</c>),
/// and the regular expression is the one Docker builds, translated from RE2 to .NET.
/// </summary>
public sealed class IgnorePattern
{
    private readonly Regex? _regex;

    internal IgnorePattern(string pattern, bool isException, int line)
    {
        Pattern = pattern;
        IsException = isException;
        Line = line;
        (Kind, _regex) = PatternTranslator.Compile(pattern);
    }

    /// <summary>The cleaned pattern without its leading <c>!</c>.</summary>
    public string Pattern { get; }

    /// <summary>True for a <c>!</c> pattern, which re-includes what earlier patterns excluded.</summary>
    public bool IsException { get; }

    /// <summary>The 1-based line of the .dockerignore file the pattern came from (0 when built in code).</summary>
    public int Line { get; }

    internal PatternMatchKind Kind { get; }

    /// <summary>True when the forward-slash relative path matches this pattern by itself (no parent rule).</summary>
    public bool Matches(string path)
    {
        switch (Kind)
        {
            case PatternMatchKind.Exact:
                return string.Equals(path, Pattern, StringComparison.Ordinal);
            case PatternMatchKind.Prefix:
                return path.StartsWith(Pattern.AsSpan(0, Pattern.Length - 2), StringComparison.Ordinal);
            case PatternMatchKind.Suffix:
                var suffix = Pattern.AsSpan(2);
                if (path.AsSpan().EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }

                // "**/foo" also matches "foo" itself.
                return suffix.Length > 0 && suffix[0] == '/' && path.AsSpan().SequenceEqual(suffix[1..]);
            default:
                return _regex!.IsMatch(path);
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsException ? "!" + Pattern : Pattern;
}

/// <summary>A pattern that Docker would reject, or whose meaning this library does not reproduce.</summary>
internal sealed class PatternException(string message) : Exception(message);

/// <summary>
/// Turns a cleaned pattern into the expression moby/patternmatcher compiles, walking it rune by rune
/// exactly as <c>Pattern.compile</c> does (<c>*</c> is <c>[^/]*</c>, <c>**</c> is <c>(.*/)?</c>,
/// <c>?</c> is one rune but '/', <c>.+()|{}$</c> are literal, <c>\x</c> is handed to the regex engine),
/// then writes it in .NET syntax with the RE2 meaning kept: classes are rebuilt from their parsed
/// items, <c>$</c> becomes <c>\z</c>, and "one rune" accepts a surrogate pair.
/// </summary>
internal static class PatternTranslator
{
    private const string SurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    private const string AnyButSlash = "(?:" + SurrogatePair + "|[^/])";

    public static (PatternMatchKind Kind, Regex? Regex) Compile(string pattern)
    {
        var runes = pattern.EnumerateRunes().ToArray();
        var regex = new StringBuilder("^");
        var kind = PatternMatchKind.Exact;
        var k = 0;
        for (var token = 0; k < runes.Length; token++)
        {
            var c = runes[k++].Value;
            switch (c)
            {
                case '*' when k < runes.Length && runes[k].Value == '*':
                    k++;
                    // "**/" is treated as "**".
                    if (k < runes.Length && runes[k].Value == '/')
                    {
                        k++;
                    }

                    if (k >= runes.Length)
                    {
                        // A trailing "**" matches everything below, like .gitignore.
                        if (kind == PatternMatchKind.Exact)
                        {
                            kind = PatternMatchKind.Prefix;
                        }
                        else
                        {
                            regex.Append(".*");
                            kind = PatternMatchKind.Regex;
                        }
                    }
                    else
                    {
                        regex.Append("(?:.*/)?");
                        kind = PatternMatchKind.Regex;
                    }

                    if (token == 0)
                    {
                        kind = PatternMatchKind.Suffix;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    kind = PatternMatchKind.Regex;
                    break;
                case '?':
                    regex.Append(AnyButSlash);
                    kind = PatternMatchKind.Regex;
                    break;
                case '.' or '+' or '(' or ')' or '|' or '{' or '}' or '$':
                    // Escaped by Docker, so literal; they do not switch to the regex path.
                    regex.Append('\\').Append((char)c);
                    break;
                case '\\':
                    // The syntax check guarantees something follows.
                    AppendEscape(regex, runes[k++].Value);
                    kind = PatternMatchKind.Regex;
                    break;
                case '[':
                    k = AppendClass(regex, runes, k);
                    kind = PatternMatchKind.Regex;
                    break;
                case ']':
                    regex.Append(@"\]");
                    kind = PatternMatchKind.Regex;
                    break;
                case '^':
                    // Docker leaves '^' unescaped: inside a regex it anchors (and so never matches mid-path).
                    regex.Append('^');
                    break;
                default:
                    AppendLiteral(regex, c);
                    break;
            }
        }

        if (kind != PatternMatchKind.Regex)
        {
            return (kind, null);
        }

        regex.Append(@"\z");
        try
        {
            return (kind, new Regex(regex.ToString(), RegexOptions.CultureInvariant));
        }
        catch (ArgumentException e)
        {
            throw new PatternException("cannot compile the pattern: " + e.Message);
        }
    }

    // RE2 escapes: ASCII punctuation is literal; a few letters have meaning; the rest are errors in Docker.
    private static void AppendEscape(StringBuilder regex, int c)
    {
        if (c < 0x80 && !char.IsAsciiLetterOrDigit((char)c))
        {
            AppendLiteral(regex, c);
            return;
        }

        var control = ControlEscape(c);
        if (control >= 0)
        {
            AppendLiteral(regex, control);
            return;
        }

        switch (c)
        {
            case 'd':
                regex.Append("[0-9]");
                return;
            case 's':
                regex.Append(@"[\t\n\f\r ]");
                return;
            case 'w':
                regex.Append("[0-9A-Za-z_]");
                return;
            case 'D':
                regex.Append("(?:").Append(SurrogatePair).Append("|[^0-9])");
                return;
            case 'S':
                regex.Append("(?:").Append(SurrogatePair).Append(@"|[^\t\n\f\r ])");
                return;
            case 'W':
                regex.Append("(?:").Append(SurrogatePair).Append("|[^0-9A-Za-z_])");
                return;
            default:
                throw UnsupportedEscape(c);
        }
    }

    private static int ControlEscape(int c) => c switch
    {
        'a' => 0x07,
        'f' => 0x0c,
        't' => 0x09,
        'n' => 0x0a,
        'r' => 0x0d,
        'v' => 0x0b,
        _ => -1,
    };

    private static PatternException UnsupportedEscape(int c) =>
        new($"'\\{char.ConvertFromUtf32(c)}' is a regular-expression escape in Docker's matcher (not a literal character) and is not supported here; " +
            "escape only punctuation, or use \\d, \\s, \\w and their negations");

    // Parses a class Go has already validated and writes the RE2 class Docker's translation produces.
    private static int AppendClass(StringBuilder regex, Rune[] runes, int k)
    {
        var negated = runes[k].Value == '^';
        if (negated)
        {
            k++;
        }

        var items = new StringBuilder();
        var count = 0;
        while (!(runes[k].Value == ']' && count > 0))
        {
            var (lo, loSet) = TakeClassAtom(runes, ref k);
            if (runes[k].Value == '-')
            {
                k++;
                var (hi, hiSet) = TakeClassAtom(runes, ref k);
                if (loSet is not null || hiSet is not null)
                {
                    throw new PatternException("a class range cannot start or end with \\d, \\s or \\w");
                }

                if (lo > hi)
                {
                    // Go's filepath.Match accepts this; the regex compile Docker runs next fails.
                    throw new PatternException($"invalid character class range '{char.ConvertFromUtf32(lo)}-{char.ConvertFromUtf32(hi)}'");
                }

                AppendClassChar(items, lo);
                items.Append('-');
                AppendClassChar(items, hi);
            }
            else if (loSet is not null)
            {
                items.Append(loSet);
            }
            else
            {
                AppendClassChar(items, lo);
            }

            count++;
        }

        if (negated)
        {
            // RE2 classes match whole runes; a negated one accepts any astral character.
            regex.Append("(?:").Append(SurrogatePair).Append("|[^").Append(items).Append("])");
        }
        else
        {
            regex.Append('[').Append(items).Append(']');
        }

        return k + 1;
    }

    private static (int Point, string? Set) TakeClassAtom(Rune[] runes, ref int k)
    {
        var c = runes[k++].Value;
        switch (c)
        {
            case '*' or '?':
                throw new PatternException(
                    $"'{(char)c}' inside [...] is rewritten by Docker into a regular-expression fragment, not the literal character; write \\{(char)c} instead");
            case '[':
                throw new PatternException("'[' inside [...] may start a POSIX class in Docker's matcher; write \\[ instead");
            case '\\':
                var e = runes[k++].Value;
                if (e < 0x80 && !char.IsAsciiLetterOrDigit((char)e))
                {
                    return (e, null);
                }

                var control = ControlEscape(e);
                if (control >= 0)
                {
                    return (control, null);
                }

                return e switch
                {
                    'd' => (-1, "0-9"),
                    's' => (-1, @"\t\n\f\r "),
                    'w' => (-1, "0-9A-Za-z_"),
                    _ => throw UnsupportedEscape(e),
                };
            default:
                return (c, null);
        }
    }

    private static void AppendClassChar(StringBuilder items, int c)
    {
        if (c > 0xFFFF)
        {
            throw new PatternException("characters outside the Basic Multilingual Plane are not supported inside [...]");
        }

        items.Append(@"\u").Append(c.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AppendLiteral(StringBuilder regex, int c)
    {
        if (c < 0x80 && (char.IsAsciiLetterOrDigit((char)c) || c is '/' or '_'))
        {
            regex.Append((char)c);
            return;
        }

        Span<char> units = stackalloc char[2];
        var length = new Rune(c).EncodeToUtf16(units);
        for (var i = 0; i < length; i++)
        {
            regex.Append(@"\u").Append(((int)units[i]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
