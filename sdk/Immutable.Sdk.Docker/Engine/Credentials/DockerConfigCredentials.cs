using System.Collections.Concurrent;

namespace Immutable.Sdk.Docker.Engine.Credentials;

/// <summary>
/// Registry credentials the way the Docker CLI finds them in its config: the registry's own helper
/// (<c>credHelpers</c>), else the store for all registries (<c>credsStore</c>), else the logins
/// kept in the file (<c>auths</c>). A helper's answer is kept for the life of the provider process,
/// so one plan or apply asks each helper at most once per registry.
/// </summary>
public sealed class DockerConfigCredentials(DockerCliConfig config)
{
    /// <summary>The key the CLI stores Docker Hub under.</summary>
    public const string DockerHubServer = "https://index.docker.io/v1/";

    private readonly ConcurrentDictionary<string, RegistryCredentials?> _answers = new(StringComparer.Ordinal);

    /// <summary>The config read.</summary>
    public DockerCliConfig Config { get; } = config;

    /// <summary>Credentials for a registry host (<c>docker.io</c> for Docker Hub), or null.</summary>
    public RegistryCredentials? For(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return _answers.GetOrAdd(registry, Lookup);
    }

    /// <summary>The helper the CLI would ask for this registry, or null.</summary>
    public CredentialHelper? HelperFor(string registry) =>
        Config.CredentialHelpers.TryGetValue(registry, out var own) ? new CredentialHelper(own)
        : registry == "docker.io" && Config.CredentialHelpers.TryGetValue("index.docker.io", out var hub) ? new CredentialHelper(hub)
        : Config.CredentialsStore is { } store ? new CredentialHelper(store)
        : null;

    private RegistryCredentials? Lookup(string registry)
    {
        var server = registry == "docker.io" ? DockerHubServer : registry;
        var fromHelper = HelperFor(registry)?.Get(server);
        if (fromHelper is not null)
        {
            return fromHelper with { ServerAddress = registry };
        }

        foreach (var (key, login) in Config.Auths)
        {
            if (RegistryAddress.Normalize(key) == registry)
            {
                return login with { ServerAddress = registry };
            }
        }

        return null;
    }
}
