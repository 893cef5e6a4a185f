using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// Matching, table-driven from the cases in moby/patternmatcher patternmatcher_test.go (TestMatches,
/// TestMatch — itself taken from Go's filepath.Match tests — TestCompile and the multi-pattern cases) and the
/// examples of the Docker documentation ("Build context" page, section ".dockerignore files").
/// </summary>
public sealed class DockerIgnoreMatchTests
{
    public enum Expect
    {
        Fail,
        Exact,
        Inexact,
    }

    // patternmatcher_test.go TestMatches: "exact" matches the path itself, "inexact" only through a parent.
    public static TheoryData<string, string, Expect> PatternMatcherCases => new()
    {
        { "**", "file", Expect.Exact },
        { "**", "file/", Expect.Exact },
        { "**/", "file", Expect.Exact },
        { "**/", "file/", Expect.Exact },
        { "**", "/", Expect.Exact },
        { "**/", "/", Expect.Exact },
        { "**", "dir/file", Expect.Exact },
        { "**/", "dir/file", Expect.Exact },
        { "**", "dir/file/", Expect.Exact },
        { "**/", "dir/file/", Expect.Exact },
        { "**/**", "dir/file", Expect.Exact },
        { "**/**", "dir/file/", Expect.Exact },
        { "dir/**", "dir/file", Expect.Exact },
        { "dir/**", "dir/file/", Expect.Exact },
        { "dir/**", "dir/dir2/file", Expect.Exact },
        { "dir/**", "dir/dir2/file/", Expect.Exact },
        { "**/dir", "dir", Expect.Exact },
        { "**/dir", "dir/file", Expect.Inexact },
        { "**/dir2/*", "dir/dir2/file", Expect.Exact },
        { "**/dir2/*", "dir/dir2/file/", Expect.Inexact },
        { "**/dir2/**", "dir/dir2/dir3/file", Expect.Exact },
        { "**/dir2/**", "dir/dir2/dir3/file/", Expect.Exact },
        { "**file", "file", Expect.Exact },
        { "**file", "dir/file", Expect.Exact },
        { "**/file", "dir/file", Expect.Exact },
        { "**file", "dir/dir/file", Expect.Exact },
        { "**/file", "dir/dir/file", Expect.Exact },
        { "**/file*", "dir/dir/file", Expect.Exact },
        { "**/file*", "dir/dir/file.txt", Expect.Exact },
        { "**/file*txt", "dir/dir/file.txt", Expect.Exact },
        { "**/file*.txt", "dir/dir/file.txt", Expect.Exact },
        { "**/file*.txt*", "dir/dir/file.txt", Expect.Exact },
        { "**/**/*.txt", "dir/dir/file.txt", Expect.Exact },
        { "**/**/*.txt2", "dir/dir/file.txt", Expect.Fail },
        { "**/*.txt", "file.txt", Expect.Exact },
        { "**/**/*.txt", "file.txt", Expect.Exact },
        { "a**/*.txt", "a/file.txt", Expect.Exact },
        { "a**/*.txt", "a/dir/file.txt", Expect.Exact },
        { "a**/*.txt", "a/dir/dir/file.txt", Expect.Exact },
        { "a/*.txt", "a/dir/file.txt", Expect.Fail },
        { "a/*.txt", "a/file.txt", Expect.Exact },
        { "a/*.txt**", "a/file.txt", Expect.Exact },
        { "a[b-d]e", "ae", Expect.Fail },
        { "a[b-d]e", "ace", Expect.Exact },
        { "a[b-d]e", "aae", Expect.Fail },
        { "a[^b-d]e", "aze", Expect.Exact },
        { ".*", ".foo", Expect.Exact },
        { ".*", "foo", Expect.Fail },
        { "abc.def", "abcdef", Expect.Fail },
        { "abc.def", "abc.def", Expect.Exact },
        { "abc.def", "abcZdef", Expect.Fail },
        { "abc?def", "abcZdef", Expect.Exact },
        { "abc?def", "abcdef", Expect.Fail },
        { "**/foo/bar", "foo/bar", Expect.Exact },
        { "**/foo/bar", "dir/foo/bar", Expect.Exact },
        { "**/foo/bar", "dir/dir2/foo/bar", Expect.Exact },
        { "abc/**", "abc", Expect.Fail },
        { "abc/**", "abc/def", Expect.Exact },
        { "abc/**", "abc/def/ghi", Expect.Exact },
        { "**/.foo", ".foo", Expect.Exact },
        { "**/.foo", "bar.foo", Expect.Fail },
        { "a(b)c/def", "a(b)c/def", Expect.Exact },
        { "a(b)c/def", "a(b)c/xyz", Expect.Fail },
        { "a.|)$(}+{bc", "a.|)$(}+{bc", Expect.Exact },
        { "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", Expect.Exact },
        { "dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", Expect.Exact },
        // The non-Windows additions of the same test.
        { "a\\\\", "a\\", Expect.Exact },
        { "a\\*b", "a*b", Expect.Exact },
    };

    [Theory]
    [MemberData(nameof(PatternMatcherCases))]
    public void SinglePatternMatchesLikePatternMatcher(string pattern, string path, Expect expected)
    {
        var ignore = DockerIgnore.FromPatterns(pattern);
        Assert.Equal(expected == Expect.Exact, ignore.Patterns[0].Matches(path));
        Assert.Equal(expected != Expect.Fail, ignore.MatchesOrParentMatches(path));
        Assert.Equal(expected != Expect.Fail, MatchUsingParentResults(ignore, path));
    }

    // patternmatcher_test.go multiPatternTests.
    public static TheoryData<string[], string, bool> MultiPatternCases => new()
    {
        { ["**", "!util/docker/web"], "util/docker/web/foo", false },
        { ["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true },
        { ["**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false },
        { ["**", "!dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false },
        // patternmatcher_test.go: exclusion before / after, folder exceptions (TestPatternMatchesFolder*).
        { ["!fileutils.go", "*.go"], "fileutils.go", true },
        { ["*.go", "!fileutils.go"], "fileutils.go", false },
        { ["docs", "!docs/README.md"], "docs/README.md", false },
        { ["docs/", "!docs/README.md"], "docs/README.md", false },
        { ["docs/*", "!docs/README.md"], "docs/README.md", false },
        { ["*"], "fileutils.go", true },
        { ["*.go"], "fileutils.go", true },
        { [], "/any/path/there", false },
    };

    [Theory]
    [MemberData(nameof(MultiPatternCases))]
    public void LastMatchingPatternWins(string[] patterns, string path, bool excluded)
    {
        var ignore = DockerIgnore.FromPatterns(patterns);
        Assert.Equal(excluded, ignore.MatchesOrParentMatches(path));
        Assert.Equal(excluded, MatchUsingParentResults(ignore, path));
    }

    // patternmatcher_test.go matchTests ("stolen from go's filepath Match tests"), checked through
    // MatchesOrParentMatches; the ones marked bad must be rejected when the file is read.
    public static TheoryData<string, string, bool> GoMatchCases => new()
    {
        { "abc", "abc", true },
        { "*", "abc", true },
        { "*c", "abc", true },
        { "a*", "a", true },
        { "a*", "abc", true },
        { "a*", "ab/c", true },
        { "a*/b", "abc/b", true },
        { "a*/b", "a/c/b", false },
        { "a*b*c*d*e*/f", "axbxcxdxe/f", true },
        { "a*b*c*d*e*/f", "axbxcxdxexxx/f", true },
        { "a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false },
        { "a*b*c*d*e*/f", "axbxcxdxexxx/fff", false },
        { "a*b?c*x", "abxbbxdbxebxczzx", true },
        { "a*b?c*x", "abxbbxdbxebxczzy", false },
        { "ab[c]", "abc", true },
        { "ab[b-d]", "abc", true },
        { "ab[e-g]", "abc", false },
        { "ab[^c]", "abc", false },
        { "ab[^b-d]", "abc", false },
        { "ab[^e-g]", "abc", true },
        { "a\\*b", "a*b", true },
        { "a\\*b", "ab", false },
        { "a?b", "a☺b", true },
        { "a[^a]b", "a☺b", true },
        { "a???b", "a☺b", false },
        { "a[^a][^a][^a]b", "a☺b", false },
        { "[a-ζ]*", "α", true },
        { "*[a-ζ]", "A", false },
        { "a?b", "a/b", false },
        { "a*b", "a/b", false },
        { "[\\]a]", "]", true },
        { "[\\-]", "-", true },
        { "[x\\-]", "x", true },
        { "[x\\-]", "-", true },
        { "[x\\-]", "z", false },
        { "[\\-x]", "x", true },
        { "[\\-x]", "-", true },
        { "[\\-x]", "a", false },
        { "*x", "xxx", true },
        // Astral characters are one rune for '?' and negated classes, as in RE2.
        { "a?b", "a\U0001F600b", true },
        { "a[^x]b", "a\U0001F600b", true },
    };

    [Theory]
    [MemberData(nameof(GoMatchCases))]
    public void GoFilepathMatchCases(string pattern, string path, bool excluded) =>
        Assert.Equal(excluded, DockerIgnore.FromPatterns(pattern).IsExcluded(path));

    [Theory]
    [InlineData("[]a]")]
    [InlineData("[-]")]
    [InlineData("[x-]")]
    [InlineData("[-x]")]
    [InlineData("\\")]
    [InlineData("[a-b-c]")]
    [InlineData("[")]
    [InlineData("[^")]
    [InlineData("[^bc")]
    [InlineData("a[")]
    // patternmatcher_test.go regression for moby/moby#52203: passes filepath.Match, fails the regex compile.
    [InlineData("[Local-Only]/")]
    [InlineData("!")]
    [InlineData("! ")]
    public void MalformedPatternsAreRejected(string pattern)
    {
        var error = Assert.Throws<BuildContextException>(() => DockerIgnore.Parse("ok\n" + pattern + "\n", ".dockerignore"));
        Assert.Equal(BuildContextErrorReason.InvalidDockerignore, error.Reason);
        Assert.Equal(BuildInputField.Context, error.Field);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    // patternmatcher_test.go compileTests: which of the four strategies a pattern compiles to.
    [Theory]
    [InlineData("*", "Regex")]
    [InlineData("file*", "Regex")]
    [InlineData("*file", "Regex")]
    [InlineData("a*/b", "Regex")]
    [InlineData("**", "Suffix")]
    [InlineData("**/**", "Regex")]
    [InlineData("dir/**", "Prefix")]
    [InlineData("**/dir", "Suffix")]
    [InlineData("**/dir2/*", "Regex")]
    [InlineData("**/dir2/**", "Regex")]
    [InlineData("**file", "Suffix")]
    [InlineData("**/file*txt", "Regex")]
    [InlineData("**/**/*.txt", "Regex")]
    [InlineData("a[b-d]e", "Regex")]
    [InlineData(".*", "Regex")]
    [InlineData("abc.def", "Exact")]
    [InlineData("abc?def", "Regex")]
    [InlineData("**/foo/bar", "Suffix")]
    [InlineData("a(b)c/def", "Exact")]
    [InlineData("a.|)$(}+{bc", "Exact")]
    public void CompilesToTheSameStrategy(string pattern, string kind) =>
        Assert.Equal(kind, DockerIgnore.FromPatterns(pattern).Patterns[0].Kind.ToString());

    // Docker docs, "Build context" → ".dockerignore files" example file and its explanations.
    [Theory]
    [InlineData("somedir/temporary.txt", true)]
    [InlineData("somedir/temp", true)]
    [InlineData("somedir/subdir/temporary.txt", true)]
    [InlineData("tempa", true)]
    [InlineData("tempb", true)]
    [InlineData("temp", false)]
    [InlineData("temporary.txt", false)]
    [InlineData("a/b/c/temp", false)]
    public void DocsExampleFile(string path, bool excluded)
    {
        var ignore = DockerIgnore.Parse("# comment\n*/temp*\n*/*/temp*\ntemp?\n");
        Assert.Equal(excluded, ignore.IsExcluded(path));
    }

    // Docker docs: "**/*.go" excludes all files that end with .go found anywhere in the build context.
    [Theory]
    [InlineData("main.go", true)]
    [InlineData("a/b/c/main.go", true)]
    [InlineData("a/b/c/main.gox", false)]
    public void DocsDoubleStar(string path, bool excluded) =>
        Assert.Equal(excluded, DockerIgnore.FromPatterns("**/*.go").IsExcluded(path));

    // Docker docs: the three README examples showing that the last matching line wins.
    [Theory]
    [InlineData(new[] { "*.md", "!README.md" }, "README.md", false)]
    [InlineData(new[] { "*.md", "!README.md" }, "CHANGES.md", true)]
    [InlineData(new[] { "*.md", "!README*.md", "README-secret.md" }, "README-secret.md", true)]
    [InlineData(new[] { "*.md", "!README*.md", "README-secret.md" }, "README-public.md", false)]
    [InlineData(new[] { "*.md", "!README*.md", "README-secret.md" }, "CHANGES.md", true)]
    [InlineData(new[] { "*.md", "README-secret.md", "!README*.md" }, "README-secret.md", false)]
    public void DocsLastMatchWins(string[] patterns, string path, bool excluded) =>
        Assert.Equal(excluded, DockerIgnore.FromPatterns(patterns).IsExcluded(path));

    // Behaviour that follows from Docker's implementation rather than from glob intuition.
    [Theory]
    // "**" then literal text compiles to a plain suffix test, so it is not anchored at a slash.
    [InlineData("**.txt", "a/b.txt", true)]
    [InlineData("**.txt", "x.txt", true)]
    // '^' is left unescaped: literal on the exact-match path, an anchor (never matching) in a regex.
    [InlineData("a^b", "a^b", true)]
    [InlineData("a^b*", "a^bc", false)]
    // An escape hands the next character to RE2: punctuation is literal, \d is a digit.
    [InlineData("file\\.txt", "file.txt", true)]
    [InlineData("file\\d", "file7", true)]
    [InlineData("file\\d", "filed", false)]
    [InlineData("[\\d]x", "5x", true)]
    [InlineData("\\[x\\]", "[x]", true)]
    // Leading slash and ./ are cleaned away; patterns are relative to the context root only.
    [InlineData("/foo", "foo", true)]
    [InlineData("./foo/../bar", "bar", true)]
    [InlineData("foo", "sub/foo", false)]
    // A trailing slash is cleaned, so "dir/" excludes the directory and what is under it.
    [InlineData("dir/", "dir/x", true)]
    public void DockerSpecificBehaviour(string pattern, string path, bool excluded) =>
        Assert.Equal(excluded, DockerIgnore.FromPatterns(pattern).IsExcluded(path));

    [Theory]
    [InlineData("[*]")]
    [InlineData("[?x]")]
    [InlineData("a\\x41")]
    [InlineData("a\\pL")]
    [InlineData("a\\1")]
    [InlineData("[z-a]")]
    public void PatternsDockerMisreadsOrRejectsAreErrors(string pattern) =>
        Assert.Equal(
            BuildContextErrorReason.InvalidDockerignore,
            Assert.Throws<BuildContextException>(() => DockerIgnore.FromPatterns(pattern)).Reason);

    [Fact]
    public void ExceptionUnderExcludedDirectoryUsesParentResults()
    {
        // patternmatcher MatchesUsingParentResults: the child inherits the parent's per-pattern results.
        var ignore = DockerIgnore.FromPatterns("node_modules", "!node_modules/keep");
        Assert.True(MatchUsingParentResults(ignore, "node_modules/other/file"));
        Assert.False(MatchUsingParentResults(ignore, "node_modules/keep"));
        Assert.False(MatchUsingParentResults(ignore, "node_modules/keep/deep/file"));
    }

    [Fact]
    public void DotIsNeverExcluded() => Assert.False(DockerIgnore.FromPatterns("*", "**").IsExcluded("."));

    // Walks the parents first, carrying per-pattern results down, as the tar walk does.
    private static bool MatchUsingParentResults(DockerIgnore ignore, string path)
    {
        var parent = GoPath.Dir(path);
        var matched = Array.Empty<bool>();
        if (parent != "." && parent != "/")
        {
            var parts = parent.Split('/');
            for (var i = 0; i < parts.Length; i++)
            {
                var next = new bool[ignore.Count];
                ignore.Match(string.Join('/', parts[..(i + 1)]), matched, next);
                matched = next;
            }
        }

        return ignore.Match(path, matched, default);
    }
}
