using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json.Serialization;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

[Description("A thing for tests.")]
public sealed record ThingModel
{
    [Required("The name.")]
    public string? Name { get; init; }

    [Optional("Labels.")]
    public ImmutableDictionary<string, string>? Labels { get; init; }

    [Optional("Ports."), Set]
    public ImmutableArray<long>? Ports { get; init; }

    [Optional("Size, chosen by the provider when unset.", Computed = true)]
    public long? Size { get; init; }

    [Optional("Only steers the provider."), Operational]
    public ThingTimeouts? Timeouts { get; init; }

    [Optional("A nested object.")]
    public ThingLimits? Limits { get; init; }

    [Optional("A password."), Sensitive, WriteOnly]
    public string? Password { get; init; }

    [Computed("Identifier.")]
    public string? Id { get; init; }

    [Computed("Digest known at plan time.")]
    public string? Digest { get; init; }
}

public sealed record ThingTimeouts
{
    [Optional("Create deadline.")]
    public string? Create { get; init; }
}

public sealed record ThingLimits
{
    [Required("CPU count.")]
    public double? Cpus { get; init; }

    [Optional("Memory.", Computed = true)]
    public long? Memory { get; init; }
}

public sealed record MissingModeModel
{
    public string? Name { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ThingModel))]
[JsonSerializable(typeof(MissingModeModel))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}
