using Immutable.Provider.Images;
using Immutable.Provider.Rollouts;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Engine.Credentials;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging;

namespace Immutable.Provider;

/// <summary>The Immutable provider: its provider block and its resource types.</summary>
public sealed class ImmutableProvider() : TypedProviderDefinition<ProviderConfig>(ProviderJsonContext.Default.ProviderConfig)
{
    /// <summary>The provider's registry source address.</summary>
    public const string SourceAddress = "registry.terraform.io/immutable-infra/immutable";

    /// <summary>The endpoint's HAProxy image when neither the provider block nor IMMUTABLE_PROXY_IMAGE names one.</summary>
    public const string DefaultProxyImage = "haproxy:2.6-alpine";

    /// <inheritdoc />
    public override string TypeName => "immutable";

    /// <inheritdoc />
    public override IReadOnlyList<IResourceDefinition> Resources { get; } = [new ImageResource(), new RolloutResource()];

    /// <inheritdoc />
    protected override Task<object?> ConfigureAsync(ProviderConfig config, ResourceContext context)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var endpoint = EngineConnection.Resolve(config, home);
        context.Logger.LogInformation("Docker engine: {Endpoint}, from {Source}", endpoint, endpoint.Source);
        var configured = (config.RegistryAuth ?? [])
            .Select(a => new RegistryCredentials(a.Address!, a.Username!, a.Password!))
            .ToList();
        var fromCli = new DockerConfigCredentials(DockerCliConfig.Load(Environment.GetEnvironmentVariable("DOCKER_CONFIG"), home));
        var cache = Environment.GetEnvironmentVariable("IMMUTABLE_CACHE_DIR")
            ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "immutable");
        var proxyImage = config.ProxyImage
            ?? (Environment.GetEnvironmentVariable("IMMUTABLE_PROXY_IMAGE") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultProxyImage);
        return Task.FromResult<object?>(new ProviderServices(DockerEngine.Connect(endpoint), new RegistryCredentialStore(configured, fromCli), cache, proxyImage));
    }
}
