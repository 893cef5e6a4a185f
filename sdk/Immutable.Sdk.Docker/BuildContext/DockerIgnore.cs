using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// A parsed .dockerignore file with Docker's matching rules.
/// <para>
/// Reading follows moby/patternmatcher <c>ignorefile.ReadAll</c> (also buildkit
/// <c>frontend/dockerfile/dockerignore</c>): a UTF-8 BOM on the first line is dropped; a line whose
/// first character is <c>#</c> is a comment (an indented <c>#</c> is a pattern); each line is trimmed;
/// blank lines are skipped; a leading <c>!</c> marks an exception and is trimmed again; the rest goes
/// through <c>filepath.Clean</c> and loses one leading <c>/</c>. <c>patternmatcher.New</c> then trims and
/// cleans again, rejects a lone <c>!</c> and runs Go's pattern syntax check.
/// </para>
/// <para>
/// Matching is <c>MatchesUsingParentResults</c> (what BuildKit's fsutil and docker/cli's tar walk use):
/// patterns are applied in order and the last one that matches wins, where a path "matches" a pattern
/// when it or any parent directory does; an exception re-includes a path even below an excluded directory.
/// </para>
/// </summary>
public sealed class DockerIgnore
{
    private const string WildcardChars = "*[]?^\\";
    private readonly IgnorePattern[] _patterns;
    private readonly bool _exceptionsArePrefixes;

    private DockerIgnore(IgnorePattern[] patterns, string? source)
    {
        _patterns = patterns;
        Source = source;
        HasExceptions = patterns.Any(p => p.IsException);
        // fsutil: an excluded directory may be skipped only while every exception is a plain path prefix.
        _exceptionsArePrefixes = !patterns.Any(p => p.IsException && WithoutTrailingGlob(p.Pattern).AsSpan().IndexOfAny(WildcardChars) >= 0);
    }

    /// <summary>No patterns: nothing is excluded.</summary>
    public static DockerIgnore Empty { get; } = new([], null);

    /// <summary>The patterns in file order.</summary>
    public IReadOnlyList<IgnorePattern> Patterns => _patterns;

    /// <summary>True when at least one pattern is a <c>!</c> exception.</summary>
    public bool HasExceptions { get; }

    /// <summary>Where the patterns came from (a context-relative path), for messages; null when built in code.</summary>
    public string? Source { get; }

    internal int Count => _patterns.Length;

    /// <summary>Parses .dockerignore text.</summary>
    /// <param name="content">The file's text.</param>
    /// <param name="source">The file's context-relative path, used in error messages.</param>
    /// <exception cref="BuildContextException">A pattern Docker would reject (or this library cannot reproduce).</exception>
    public static DockerIgnore Parse(string content, string? source = null)
    {
        var patterns = new List<IgnorePattern>();
        var lines = content.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            // bufio.ScanLines drops one trailing carriage return.
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (index == 0 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }

            var pattern = ReadLine(line);
            if (pattern is null)
            {
                continue;
            }

            try
            {
                var compiled = Compile(pattern, index + 1);
                if (compiled is not null)
                {
                    patterns.Add(compiled);
                }
            }
            catch (PatternException e)
            {
                throw new BuildContextException(
                    BuildContextErrorReason.InvalidDockerignore,
                    BuildInputField.Context,
                    source ?? ".dockerignore",
                    $"{source ?? ".dockerignore"} line {index + 1}: pattern \"{line.Trim()}\": {e.Message}");
            }
        }

        return new DockerIgnore([.. patterns], source);
    }

    /// <summary>Builds a matcher from patterns exactly as written in a .dockerignore file.</summary>
    public static DockerIgnore FromPatterns(params IEnumerable<string> lines) => Parse(string.Join('\n', lines));

    /// <summary>
    /// <c>MatchesOrParentMatches</c>: whether a forward-slash path relative to the context is excluded,
    /// judging its parent directories too. <c>.</c> is never excluded.
    /// </summary>
    public bool IsExcluded(string relativePath)
    {
        var path = GoPath.Clean(relativePath);
        return path != "." && MatchesOrParentMatches(path);
    }

    /// <summary><c>MatchesOrParentMatches</c> on a path taken as is (no cleaning).</summary>
    internal bool MatchesOrParentMatches(string path) => Match(path, default, default);

    /// <summary>
    /// <c>MatchesUsingParentResults</c>: whether <paramref name="path"/> is excluded, given which patterns its
    /// parent directory matched (empty for a top-level entry). Fills <paramref name="matched"/> with this path's
    /// own per-pattern results for its children.
    /// </summary>
    internal bool Match(string path, ReadOnlySpan<bool> parentMatched, Span<bool> matched)
    {
        var excluded = false;
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            var match = parentMatched.Length != 0 && parentMatched[i];
            if (!match)
            {
                // An inclusion cannot change an excluded path, nor an exception an included one.
                if (pattern.IsException != excluded)
                {
                    continue;
                }

                match = pattern.Matches(path) || (parentMatched.Length == 0 && AnyParentMatches(pattern, path));
            }

            if (matched.Length != 0)
            {
                matched[i] = match;
            }

            if (match)
            {
                excluded = !pattern.IsException;
            }
        }

        return excluded;
    }

    /// <summary>
    /// Whether some pattern could match a direct child of <paramref name="directory"/> (relative, "" for the
    /// root). When it cannot, and none of the directory's own results matched, every child comes out
    /// included with all results false, so the walk needs no path string per child to know it.
    /// Conservative: wildcard patterns always could.
    /// </summary>
    internal bool MayMatchChildOf(string directory)
    {
        var prefix = directory.Length == 0 ? string.Empty : directory + "/";
        foreach (var pattern in _patterns)
        {
            var text = pattern.Pattern;
            var could = pattern.Kind switch
            {
                // Only the path itself: a child when it is the prefix plus one name.
                PatternMatchKind.Exact => text.StartsWith(prefix, StringComparison.Ordinal) && text.IndexOf('/', prefix.Length) < 0,
                // Everything that starts with the text before the trailing "**".
                PatternMatchKind.Prefix => prefix.StartsWith(text[..^2], StringComparison.Ordinal) || text[..^2].StartsWith(prefix, StringComparison.Ordinal),
                _ => true,
            };
            if (could)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an excluded directory can be skipped without looking inside. This is BuildKit fsutil's rule:
    /// only when no exception holds a wildcard (after dropping a trailing <c>/**</c> or <c>/*</c>) and no
    /// exception names a path under the directory. docker/cli's classic walk used just the second half, so
    /// <c>!**/keep</c> could not reach into an excluded directory there; here, as with BuildKit, it can.
    /// </summary>
    internal bool CanSkipExcludedDirectory(string directory)
    {
        if (!HasExceptions)
        {
            return true;
        }

        if (!_exceptionsArePrefixes)
        {
            return false;
        }

        var prefix = directory + "/";
        foreach (var pattern in _patterns)
        {
            if (pattern.IsException && (WithoutTrailingGlob(pattern.Pattern) + "/").StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyParentMatches(IgnorePattern pattern, string path)
    {
        var parent = GoPath.Dir(path);
        if (parent == ".")
        {
            return false;
        }

        for (var end = parent.IndexOf('/'); ; end = parent.IndexOf('/', end + 1))
        {
            if (pattern.Matches(end < 0 ? parent : parent[..end]))
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }
        }
    }

    // ignorefile.ReadAll for one line: null when the line is a comment or blank.
    private static string? ReadLine(string line)
    {
        if (line.StartsWith('#'))
        {
            return null;
        }

        var pattern = line.Trim();
        if (pattern.Length == 0)
        {
            return null;
        }

        var invert = pattern[0] == '!';
        if (invert)
        {
            pattern = pattern[1..].Trim();
        }

        if (pattern.Length > 0)
        {
            pattern = GoPath.Clean(pattern);
            if (pattern.Length > 1 && pattern[0] == '/')
            {
                pattern = pattern[1..];
            }
        }

        return invert ? "!" + pattern : pattern;
    }

    // patternmatcher.New for one pattern.
    private static IgnorePattern? Compile(string raw, int line)
    {
        var pattern = raw.Trim();
        if (pattern.Length == 0)
        {
            return null;
        }

        pattern = GoPath.Clean(pattern);
        var exception = pattern[0] == '!';
        if (exception)
        {
            if (pattern.Length == 1)
            {
                throw new PatternException("illegal exclusion pattern \"!\"");
            }

            pattern = pattern[1..];
        }

        var syntax = GlobSyntax.Check(pattern);
        if (syntax is not null)
        {
            throw new PatternException("syntax error in pattern: " + syntax);
        }

        return new IgnorePattern(pattern, exception, line);
    }

    private static string WithoutTrailingGlob(string pattern)
    {
        if (pattern.EndsWith("/**", StringComparison.Ordinal))
        {
            pattern = pattern[..^3];
        }

        if (pattern.EndsWith("/*", StringComparison.Ordinal))
        {
            pattern = pattern[..^2];
        }

        return pattern;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var pattern in _patterns)
        {
            text.Append(pattern).Append('\n');
        }

        return text.ToString();
    }
}
