using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

// Expected values follow Go's documented filepath.Clean rules (path/filepath: Clean).
public sealed class GoPathTests
{
    [Theory]
    [InlineData("", ".")]
    [InlineData(".", ".")]
    [InlineData("/", "/")]
    [InlineData("abc", "abc")]
    [InlineData("abc/def/", "abc/def")]
    [InlineData("a//b", "a/b")]
    [InlineData("./a/./b/.", "a/b")]
    [InlineData("a/b/../c", "a/c")]
    [InlineData("a/../..", "..")]
    [InlineData("../../a", "../../a")]
    [InlineData("/../a", "/a")]
    [InlineData("/a/b/../../..", "/")]
    [InlineData("abc/../../././../def", "../../def")]
    [InlineData("a\\b/..", ".")]
    public void CleanFollowsGo(string input, string expected) => Assert.Equal(expected, GoPath.Clean(input));

    [Theory]
    [InlineData("a/b", "a")]
    [InlineData("a", ".")]
    [InlineData("a/b/", "a/b")]
    [InlineData("/a", "/")]
    public void DirFollowsGo(string input, string expected) => Assert.Equal(expected, GoPath.Dir(input));

    [Fact]
    public void PathOrderIsUtf8ByteOrder()
    {
        string[] paths = ["a/b", "a.txt", "a", "\uFF21", "\U0001F600", "B", "b"];
        var sorted = paths.OrderBy(p => p, PathOrder.Instance).ToArray();
        var byBytes = paths.OrderBy(p => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(p)), StringComparer.Ordinal).ToArray();
        Assert.Equal(byBytes, sorted);
        Assert.Equal(["B", "a", "a.txt", "a/b", "b", "\uFF21", "\U0001F600"], sorted);
    }
}
