using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Examples.SampleProvider;

/// <summary>The sample provider's (empty) provider block.</summary>
[Description("A sample replace-only provider built on Immutable.Sdk.")]
public sealed record SampleProviderConfig
{
    /// <summary>Directory relative paths are resolved against.</summary>
    [Optional("Directory that relative `path` values are resolved against. Defaults to the working directory.")]
    public string? BaseDirectory { get; init; }
}

/// <summary>The provider: one resource, <c>sample_file</c>.</summary>
public sealed class SampleProvider() : TypedProviderDefinition<SampleProviderConfig, SampleSettings>(SampleJsonContext.Default.SampleProviderConfig)
{
    /// <inheritdoc />
    public override string TypeName => "sample";

    /// <inheritdoc />
    public override IReadOnlyList<IResourceDefinition> Resources { get; } = [new FileResource()];

    /// <inheritdoc />
    protected override Task<SampleSettings> ConfigureProviderAsync(SampleProviderConfig config, ResourceContext context) =>
        Task.FromResult(new SampleSettings(config.BaseDirectory ?? Directory.GetCurrentDirectory()));
}

/// <summary>What resources get from the configured provider.</summary>
public sealed record SampleSettings(string BaseDirectory);
