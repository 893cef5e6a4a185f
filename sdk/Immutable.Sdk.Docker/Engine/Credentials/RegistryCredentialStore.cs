using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Engine.Credentials;

/// <summary>
/// Finds credentials for a registry: the provider block first, then what the Docker CLI would use
/// (its credential helpers, then the logins in its config file; see <see cref="DockerConfigCredentials"/>).
/// </summary>
public sealed class RegistryCredentialStore(IReadOnlyList<RegistryCredentials> configured, DockerConfigCredentials dockerConfig)
{
    /// <summary>Credentials for the registry that hosts <paramref name="image"/>, or null.</summary>
    /// <exception cref="DockerEngineException">A credential helper config.json names is missing or failed (<see cref="DockerFailure.RegistryRefused"/>).</exception>
    public RegistryCredentials? For(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ForHost(image.Domain);
    }

    /// <summary>Credentials for a registry host as BuildKit asks for it (<c>registry-1.docker.io</c> is Docker Hub), or null.</summary>
    /// <exception cref="DockerEngineException">A credential helper config.json names is missing or failed (<see cref="DockerFailure.RegistryRefused"/>).</exception>
    public RegistryCredentials? ForHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var registry = RegistryAddress.Normalize(host);
        var own = configured.FirstOrDefault(c => RegistryAddress.Normalize(c.ServerAddress) == registry);
        if (own is not null)
        {
            return own;
        }

        try
        {
            return dockerConfig.For(registry);
        }
        catch (CredentialHelperException ex)
        {
            throw new DockerEngineException(DockerFailure.RegistryRefused, ex.Message,
                $"{Path.Combine(dockerConfig.Config.Directory, "config.json")} names this helper for {registry}; install it, fix it, or give credentials in the provider's registry_auth.", ex);
        }
    }
}
