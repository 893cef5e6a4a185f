using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>Reading .dockerignore text, after moby/patternmatcher ignorefile_test.go TestReadAll.</summary>
public sealed class DockerIgnoreParseTests
{
    [Fact]
    public void ReadAllCaseFromPatternMatcher()
    {
        // ignorefile_test.go content minus its last two lines ("!" and "! "), which New() rejects.
        const string content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n";
        var ignore = DockerIgnore.Parse(content);
        Assert.Equal(["test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path"], ignore.Patterns.Select(p => p.ToString()));
        Assert.True(ignore.HasExceptions);
        Assert.Equal([1, 2, 3, 5, 7], ignore.Patterns.Select(p => p.Line));
    }

    [Fact]
    public void BomCarriageReturnsAndWhitespaceAreHandled()
    {
        var ignore = DockerIgnore.Parse("\uFEFFfirst\r\n  second  \r\n\t!third\t\r\n");
        Assert.Equal(["first", "second", "!third"], ignore.Patterns.Select(p => p.ToString()));
    }

    [Fact]
    public void OnlyAHashInTheFirstColumnStartsAComment()
    {
        // ignorefile.ReadAll tests for '#' before trimming, so an indented '#' is a pattern.
        var ignore = DockerIgnore.Parse("#comment\n  #file\n");
        Assert.Equal(["#file"], ignore.Patterns.Select(p => p.ToString()));
        Assert.True(ignore.IsExcluded("#file"));
    }

    [Fact]
    public void PatternsAreCleaned()
    {
        var ignore = DockerIgnore.Parse("a//b/\n./c/../d\n/\n!/e/./f/\n");
        Assert.Equal(["a/b", "d", "/", "!e/f"], ignore.Patterns.Select(p => p.ToString()));
    }

    [Fact]
    public void EmptyFileHasNoPatterns()
    {
        Assert.Empty(DockerIgnore.Parse(string.Empty).Patterns);
        Assert.Empty(DockerIgnore.Parse("\n\n# only comments\n   \n").Patterns);
    }
}
