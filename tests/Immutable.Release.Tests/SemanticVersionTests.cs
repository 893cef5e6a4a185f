namespace Immutable.Release.Tests;

public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("0.1.0")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-rc.1")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85")]
    public void AcceptsSemanticVersions(string version) => Assert.Equal(version, SemanticVersion.Validate(version));

    [Theory]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.03")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3 ")]
    [InlineData("1.2.3\n")]
    [InlineData("1.2.3-ä")]
    [InlineData("١.٢.٣")]
    [InlineData("latest")]
    public void RejectsOtherStrings(string version)
    {
        Assert.False(SemanticVersion.IsValid(version));
        var error = Assert.Throws<ReleaseException>(() => SemanticVersion.Validate(version));
        Assert.Contains("not a semantic version", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v0.1.0")]
    [InlineData("V1.0.0-rc.1")]
    public void RejectsALeadingVAndSaysWhatToWrite(string version)
    {
        var error = Assert.Throws<ReleaseException>(() => SemanticVersion.Validate(version));
        Assert.Contains($"write {version[1..]}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void RequiresAVersion(string? version) =>
        Assert.Contains("version is required", Assert.Throws<ReleaseException>(() => SemanticVersion.Validate(version)).Message, StringComparison.Ordinal);
}
