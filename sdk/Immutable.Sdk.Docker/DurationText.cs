using System.Globalization;
using System.Text;

namespace Immutable.Sdk.Docker;

/// <summary>Durations written the way practitioners write them in HCL (Go's notation): <c>500ms</c>, <c>5s</c>, <c>2m30s</c>, <c>1h0m0s</c>.</summary>
public static class DurationText
{
    /// <summary>Formats <paramref name="duration"/> like Go's <c>time.Duration.String</c> (to millisecond precision).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Format(duration.Negate());
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms");
        }

        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        var seconds = duration.Seconds + (duration.Milliseconds / 1000m);
        text.Append(CultureInfo.InvariantCulture, $"{seconds:0.###}s");
        return text.ToString();
    }
}
