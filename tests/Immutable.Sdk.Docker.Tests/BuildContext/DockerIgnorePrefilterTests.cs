using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// The walk skips the per-child path string in a directory where no pattern could match a child. That
/// shortcut must never hide a match: wherever <c>MayMatchChildOf</c> says no, every pattern must fail on
/// every child path, checked here against the real matcher over patterns of each kind.
/// </summary>
public sealed class DockerIgnorePrefilterTests
{
    private static readonly string[] Patterns =
    [
        ".generated", "node_modules", "a/b", "a/b/c.txt", "a/b/**", "a**", "docs/**", "x/y*", "**/*.log", "**/tmp", "a/*/c", "[ab]/c", "?/z", "a/b/c/d/**",
    ];

    private static readonly string[] Directories = ["", "a", "a/b", "a/b/c", "a/x", "ab", "b", "docs", "docs/api", "node_modules", "x", "x/y", "z"];

    private static readonly string[] Names = ["b", "c", "c.txt", "d", ".generated", "node_modules", "y", "yy", "z", "q.log", "tmp", "a", "api"];

    [Fact]
    public void NoChildMatchesWherePrefilterSaysNone()
    {
        var checkedDirectories = 0;
        foreach (var pattern in Patterns)
        {
            var ignore = DockerIgnore.FromPatterns(pattern);
            foreach (var directory in Directories)
            {
                if (ignore.MayMatchChildOf(directory))
                {
                    continue;
                }

                checkedDirectories++;
                foreach (var name in Names)
                {
                    var child = directory.Length == 0 ? name : directory + "/" + name;
                    Assert.False(ignore.Patterns[0].Matches(child), $"{pattern} matches {child} under {directory}");
                }
            }
        }

        // The shortcut applies somewhere, or this test would check nothing.
        Assert.True(checkedDirectories > 20, checkedDirectories.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(".generated", "", true)]
    [InlineData(".generated", "pkg000/mod00", false)]
    [InlineData("a/b/c.txt", "a/b", true)]
    [InlineData("a/b/c.txt", "a", false)]
    [InlineData("docs/**", "docs/api", true)]
    [InlineData("docs/**", "src", false)]
    [InlineData("**/*.log", "anywhere/deep", true)]
    public void KnownAnswers(string pattern, string directory, bool could) =>
        Assert.Equal(could, DockerIgnore.FromPatterns(pattern).MayMatchChildOf(directory));
}
