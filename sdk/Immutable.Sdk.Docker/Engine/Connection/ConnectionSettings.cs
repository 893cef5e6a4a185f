namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// What a user configured about the engine connection (the provider block); every member may be
/// absent, in which case the environment and the Docker CLI's config decide, as they do for <c>docker</c>.
/// </summary>
public sealed record ConnectionSettings
{
    /// <summary>Engine address (<c>host</c>).</summary>
    public string? Host { get; init; }

    /// <summary>Docker context name (<c>context</c>).</summary>
    public string? Context { get; init; }

    /// <summary>Directory with <c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c> (<c>cert_path</c>).</summary>
    public string? CertPath { get; init; }

    /// <summary>PEM CA certificate(s) that sign the engine's certificate (<c>ca_material</c>).</summary>
    public string? CaMaterial { get; init; }

    /// <summary>PEM client certificate (<c>cert_material</c>).</summary>
    public string? CertMaterial { get; init; }

    /// <summary>PEM client private key (<c>key_material</c>). Never logged.</summary>
    public string? KeyMaterial { get; init; }

    /// <summary>Extra <c>ssh</c> arguments (<c>ssh_opts</c>).</summary>
    public IReadOnlyList<string> SshOptions { get; init; } = [];

    /// <summary>True when any TLS attribute is set.</summary>
    public bool HasTlsAttributes => CertPath is not null || CaMaterial is not null || CertMaterial is not null || KeyMaterial is not null;

    /// <inheritdoc />
    public override string ToString() => $"host={Host ?? "-"} context={Context ?? "-"} cert_path={CertPath ?? "-"} key_material={(KeyMaterial is null ? "-" : "(sensitive)")}";
}
