using System.Globalization;
using System.Text.RegularExpressions;

namespace Immutable.Sdk.Framework;

/// <summary>
/// Durations as Terraform users write them (Go's <c>time.ParseDuration</c>): <c>30s</c>,
/// <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>. Used for timeouts and ages.
/// </summary>
public static partial class GoDuration
{
    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        if (text.Trim() == "0")
        {
            return true;
        }

        double total = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitAt = part.Value.IndexOfAny(['n', 'u', 'µ', 'm', 's', 'h']);
            var number = double.Parse(part.Value[..unitAt], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            total += part.Value[unitAt..] switch
            {
                "ns" => number / 1_000_000,
                "us" or "µs" => number / 1_000,
                "ms" => number,
                "s" => number * 1_000,
                "m" => number * 60_000,
                _ => number * 3_600_000,
            };
        }

        duration = TimeSpan.FromMilliseconds(match.Groups["sign"].Value == "-" ? -total : total);
        return true;
    }

    /// <summary>Parses a duration or throws a diagnostic pointing at <paramref name="attribute"/>.</summary>
    public static TimeSpan Parse(string text, Immutable.Cty.CtyPath attribute) =>
        TryParse(text, out var value)
            ? value
            : throw new DiagnosticException(Diagnostic.Error("Invalid duration", $"\"{text}\" is not a duration such as 30s, 5m or 1h30m.", attribute));

    /// <summary>
    /// Parses an optional duration: <paramref name="fallback"/> when the attribute is not set, else the
    /// value or a diagnostic pointing at <paramref name="attribute"/>. The one place a default duration meets the configured one.
    /// </summary>
    public static TimeSpan Parse(string? text, TimeSpan fallback, Immutable.Cty.CtyPath attribute) =>
        text is null ? fallback : Parse(text, attribute);

    [GeneratedRegex(@"^(?<sign>[-+]?)(0|(?<part>\d+(\.\d*)?(ns|us|µs|ms|s|m|h))+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
