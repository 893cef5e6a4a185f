namespace Immutable.Sdk.Docker.Tests;

/// <summary>Durations in messages read as practitioners write them, matching Go's time.Duration.String.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(250, "250ms")]
    [InlineData(5_000, "5s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(150_000, "2m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(86_400_000, "24h0m0s")]
    [InlineData(5_405_000, "1h30m5s")]
    public void Formats_like_go(long milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
