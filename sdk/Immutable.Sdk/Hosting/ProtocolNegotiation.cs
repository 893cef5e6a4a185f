using System.Globalization;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Picks the application protocol version from what the client offers, as go-plugin does:
/// the highest version both sides support.
/// </summary>
internal static class ProtocolNegotiation
{
    /// <summary>The only Terraform plugin protocol major version this SDK serves.</summary>
    public const int ServedVersion = 6;

    /// <summary>
    /// Returns the version to serve, or an error message explaining why none fits.
    /// A missing variable means an old client that did not negotiate; go-plugin then uses the
    /// server's default, which is ours.
    /// </summary>
    public static (int? Version, string? Error) Negotiate(string? offered)
    {
        if (string.IsNullOrWhiteSpace(offered))
        {
            return (ServedVersion, null);
        }

        var versions = new List<int>();
        foreach (var part in offered.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                versions.Add(v);
            }
        }

        if (versions.Contains(ServedVersion))
        {
            return (ServedVersion, null);
        }

        return (null,
            $"This provider speaks Terraform plugin protocol {ServedVersion} only, but the client offered " +
            $"PLUGIN_PROTOCOL_VERSIONS={offered}. Use Terraform 1.0 or newer.");
    }
}
