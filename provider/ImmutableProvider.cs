using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>The Immutable provider: its provider block and its resource types.</summary>
public sealed class ImmutableProvider() : TypedProviderDefinition<ProviderConfig>(ProviderJsonContext.Default.ProviderConfig)
{
    /// <summary>The provider's registry source address.</summary>
    public const string SourceAddress = "registry.terraform.io/immutable-infra/immutable";

    /// <inheritdoc />
    public override string TypeName => "immutable";

    /// <inheritdoc />
    public override IReadOnlyList<IResourceDefinition> Resources { get; } = [];

    /// <inheritdoc />
    protected override Task<object?> ConfigureAsync(ProviderConfig config, ResourceContext context) =>
        Task.FromResult<object?>(DockerConnection.Resolve(config.Host, Environment.GetEnvironmentVariable("DOCKER_HOST")));
}
