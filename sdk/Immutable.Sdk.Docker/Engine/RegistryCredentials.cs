namespace Immutable.Sdk.Docker.Engine;

/// <summary>Credentials for one registry. <see cref="ToString"/> never shows the secret.</summary>
public sealed record RegistryCredentials(string ServerAddress, string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"{Username}@{ServerAddress} (password hidden)";
}
