namespace Immutable.Sdk.Docker.Engine;

/// <summary>Credentials for one registry. <see cref="ToString"/> never shows the secret.</summary>
public sealed record RegistryCredentials(string ServerAddress, string Username, string Password)
{
    /// <summary>True when the secret is an identity (refresh) token, which credential helpers mark with the user name <c>&lt;token&gt;</c>.</summary>
    public bool IsIdentityToken => Username == "<token>";

    /// <inheritdoc />
    public override string ToString() => $"{Username}@{ServerAddress} (password hidden)";
}
