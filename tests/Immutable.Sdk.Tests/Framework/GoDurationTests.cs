using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    [InlineData("2m3s", 123_000)]
    public void Parses_what_go_parses(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("ten minutes")]
    [InlineData("5d")]
    [InlineData("m5")]
    public void Rejects_what_go_rejects(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Fact]
    public void An_unset_optional_duration_is_the_default_and_a_set_one_is_parsed()
    {
        var path = CtyPath.Root.GetAttr("timeouts").GetAttr("create");
        Assert.Equal(TimeSpan.FromMinutes(20), GoDuration.Parse(null, TimeSpan.FromMinutes(20), path));
        Assert.Equal(TimeSpan.FromSeconds(90), GoDuration.Parse("1m30s", TimeSpan.FromMinutes(20), path));
    }

    [Fact]
    public void A_malformed_optional_duration_is_a_diagnostic_on_its_attribute()
    {
        var path = CtyPath.Root.GetAttr("timeouts").GetAttr("create");
        var failure = Assert.Throws<DiagnosticException>(() => GoDuration.Parse("soon", TimeSpan.FromMinutes(20), path));
        Assert.Equal("Invalid duration", failure.Diagnostic.Summary);
        Assert.Equal(path, failure.Diagnostic.Attribute);
    }
}
