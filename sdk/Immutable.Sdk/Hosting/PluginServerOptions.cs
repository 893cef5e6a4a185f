using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Hosting;

/// <summary>What a provider executable tells the plugin host about itself.</summary>
public sealed record PluginServerOptions
{
    /// <summary>Full source address, e.g. <c>registry.terraform.io/immutable-infra/immutable</c> (used in debug mode).</summary>
    public required string ProviderAddress { get; init; }

    /// <summary>The provider, with its resources.</summary>
    public required ProviderDefinition Provider { get; init; }

    /// <summary>Short provider name (the type prefix, e.g. <c>immutable</c>); used in log variables.</summary>
    public string ProviderName => Provider.TypeName;
}
