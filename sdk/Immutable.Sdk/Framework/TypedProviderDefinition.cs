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
}
