namespace Immutable.Sdk.Testing;

/// <summary>How to start a provider binary.</summary>
public sealed record ProviderLaunchOptions
{
    /// <summary>Path of the provider executable.</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments (Terraform passes none).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>What goes into <c>PLUGIN_PROTOCOL_VERSIONS</c>; Terraform 1.x offers "5,6".</summary>
    public string ProtocolVersions { get; init; } = "5,6";

    /// <summary>Use AutoMTLS as Terraform does; false mimics <c>TF_DISABLE_PLUGIN_TLS=1</c>.</summary>
    public bool Tls { get; init; } = true;

    /// <summary>Extra environment variables (e.g. <c>TF_LOG_PROVIDER=TRACE</c>, <c>DOCKER_HOST</c>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>How long to wait for the handshake line (go-plugin's default start timeout is one minute).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Replaces the PEM put into <c>PLUGIN_CLIENT_CERT</c> (to test how a provider handles bad input).</summary>
    public string? ClientCertificatePemOverride { get; init; }

    /// <summary>Replaces the magic cookie (to test how a provider handles bad input).</summary>
    public string? MagicCookieOverride { get; init; }
}
