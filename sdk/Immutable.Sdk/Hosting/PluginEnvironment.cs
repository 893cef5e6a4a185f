namespace Immutable.Sdk.Hosting;

/// <summary>
/// What go-plugin's client tells a plugin through its environment when it launches it.
/// Read once at start-up so the rest of the host works with plain values.
/// </summary>
[Immutable]
internal sealed record PluginEnvironment
{
    /// <summary>The variable Terraform sets so a provider knows it was launched by Terraform.</summary>
    public const string MagicCookieKey = HandshakeLine.MagicCookieKey;

    /// <summary>The value Terraform sets in <see cref="MagicCookieKey"/>.</summary>
    public const string MagicCookieValue = HandshakeLine.MagicCookieValue;

    /// <summary>Value of <c>TF_PLUGIN_MAGIC_COOKIE</c>, or null.</summary>
    public string? MagicCookie { get; init; }

    /// <summary>Value of <c>PLUGIN_PROTOCOL_VERSIONS</c> (comma separated), or null.</summary>
    public string? ProtocolVersions { get; init; }

    /// <summary>Value of <c>PLUGIN_CLIENT_CERT</c> (PEM), or null when TLS is disabled.</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>Value of <c>PLUGIN_UNIX_SOCKET_DIR</c>, or null.</summary>
    public string? UnixSocketDirectory { get; init; }

    /// <summary>Value of <c>PLUGIN_UNIX_SOCKET_GROUP</c>, or null.</summary>
    public string? UnixSocketGroup { get; init; }

    /// <summary>Value of <c>PLUGIN_MIN_PORT</c>, or null.</summary>
    public string? MinPort { get; init; }

    /// <summary>Value of <c>PLUGIN_MAX_PORT</c>, or null.</summary>
    public string? MaxPort { get; init; }

    /// <summary>Reads the variables from the current process environment.</summary>
    public static PluginEnvironment FromProcess() => FromLookup(Environment.GetEnvironmentVariable);

    /// <summary>Reads the variables through <paramref name="lookup"/> (tests pass a dictionary).</summary>
    public static PluginEnvironment FromLookup(Func<string, string?> lookup) => new()
    {
        MagicCookie = lookup(MagicCookieKey),
        ProtocolVersions = lookup("PLUGIN_PROTOCOL_VERSIONS"),
        ClientCertificatePem = NullIfEmpty(lookup("PLUGIN_CLIENT_CERT")),
        UnixSocketDirectory = NullIfEmpty(lookup("PLUGIN_UNIX_SOCKET_DIR")),
        UnixSocketGroup = NullIfEmpty(lookup("PLUGIN_UNIX_SOCKET_GROUP")),
        MinPort = NullIfEmpty(lookup("PLUGIN_MIN_PORT")),
        MaxPort = NullIfEmpty(lookup("PLUGIN_MAX_PORT")),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
