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
}
