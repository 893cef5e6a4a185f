using System.Globalization;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// The one line go-plugin's client waits for on the plugin's stdout:
/// <c>CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT</c>.
/// </summary>
[Immutable]
public sealed record HandshakeLine(int CoreVersion, int AppVersion, string Network, string Address, string Protocol, string? ServerCertificate)
{
    /// <summary>go-plugin's core protocol version.</summary>
    public const int GoPluginCoreVersion = 1;

    /// <summary>The variable Terraform sets so a provider knows it was launched by Terraform (the handshake's other half).</summary>
    public const string MagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";

    /// <summary>The value Terraform sets in <see cref="MagicCookieKey"/> (a fact of Terraform's handshake config).</summary>
    public const string MagicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    /// <summary>Formats the line (without newline).</summary>
    public override string ToString()
    {
        var line = string.Join('|',
            CoreVersion.ToString(CultureInfo.InvariantCulture),
            AppVersion.ToString(CultureInfo.InvariantCulture),
            Network, Address, Protocol);
        // go-plugin always prints the sixth field, empty without TLS.
        return line + "|" + ServerCertificate;
    }

    /// <summary>Parses a handshake line; used by clients such as the protocol test kit.</summary>
    /// <exception cref="FormatException">The line is not a go-plugin handshake.</exception>
    public static HandshakeLine Parse(string line)
    {
        var parts = line.Trim().Split('|');
        if (parts.Length < 5)
        {
            throw new FormatException($"Not a go-plugin handshake line (expected at least 5 '|'-separated fields): '{line}'");
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var core) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var app))
        {
            throw new FormatException($"Handshake versions are not numbers: '{line}'");
        }

        return new HandshakeLine(core, app, parts[2], parts[3], parts[4], parts.Length > 5 && parts[5].Length > 0 ? parts[5] : null);
    }
}
