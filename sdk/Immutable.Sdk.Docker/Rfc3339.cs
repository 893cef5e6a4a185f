using System.Globalization;

namespace Immutable.Sdk.Docker;

/// <summary>Times as state, labels and messages write them: RFC 3339, UTC, whole seconds.</summary>
public static class Rfc3339
{
    /// <summary>Formats <paramref name="time"/> as <c>yyyy-MM-ddTHH:mm:ssZ</c> in UTC.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
