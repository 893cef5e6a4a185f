using System.Text.Json.Serialization.Metadata;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>A provider whose <c>provider</c> block is described by a typed model.</summary>
public abstract class TypedProviderDefinition<TConfig> : ProviderDefinition
    where TConfig : class
{
    private readonly ModelCodec<TConfig> _codec;

    /// <summary>Derives the provider-block schema from the model's JSON metadata.</summary>
    protected TypedProviderDefinition(JsonTypeInfo<TConfig> config)
    {
        ConfigSchema = SchemaReflector.Reflect(config);
        _codec = new ModelCodec<TConfig>(config, ConfigSchema);
    }

    /// <inheritdoc />
    public override ObjectSchema ConfigSchema { get; }

    /// <summary>Configures the provider from the typed block (unknown values arrive as null).</summary>
    protected abstract Task<object?> ConfigureAsync(TConfig config, ResourceContext context);

    /// <inheritdoc />
    public override Task<object?> ConfigureAsync(CtyValue config, ResourceContext context) =>
        ConfigureAsync(_codec.ToModel(config), context);

    /// <summary>Runs the declarative validators of the provider block; override and call base to add checks.</summary>
    public override Diagnostics ValidateConfig(CtyValue config)
    {
        var diagnostics = new Diagnostics();
        SchemaValidation.Validate(ConfigSchema, config, CtyPath.Root, diagnostics);
        return diagnostics;
    }
}

/// <summary>
/// A provider whose <c>provider</c> block is a typed model and whose configuration produces typed data
/// (e.g. an API client) that its resources read with <see cref="ResourceContext.ProviderDataAs{T}"/>.
/// </summary>
public abstract class TypedProviderDefinition<TConfig, TData> : TypedProviderDefinition<TConfig>
    where TConfig : class
    where TData : class
{
    /// <summary>Derives the provider-block schema from the model's JSON metadata.</summary>
    protected TypedProviderDefinition(JsonTypeInfo<TConfig> config)
        : base(config)
    {
    }

    /// <summary>Configures the provider from the typed block (unknown values arrive as null) and returns what resources receive.</summary>
    protected abstract Task<TData> ConfigureProviderAsync(TConfig config, ResourceContext context);

    /// <inheritdoc />
    protected sealed override async Task<object?> ConfigureAsync(TConfig config, ResourceContext context) =>
        await ConfigureProviderAsync(config, context).ConfigureAwait(false);
}
