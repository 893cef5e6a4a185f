using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// A provider as the protocol layer sees it: its type name, its provider-block schema, how it is
/// configured, and its resources.
/// </summary>
public abstract class ProviderDefinition
{
    /// <summary>The provider's type name, the prefix of its resource types (e.g. <c>immutable</c>).</summary>
    public abstract string TypeName { get; }

    /// <summary>The schema of the <c>provider</c> block.</summary>
    public abstract ObjectSchema ConfigSchema { get; }

    /// <summary>The resource types this provider serves.</summary>
    public abstract IReadOnlyList<IResourceDefinition> Resources { get; }

    /// <summary>Checks the provider block (values may be unknown).</summary>
    public virtual Diagnostics ValidateConfig(CtyValue config) => [];

    /// <summary>
    /// Configures the provider. Returns the data every resource operation receives as
    /// <see cref="ResourceContext.ProviderData"/> (e.g. an API client).
    /// </summary>
    public abstract Task<object?> ConfigureAsync(CtyValue config, ResourceContext context);
}
