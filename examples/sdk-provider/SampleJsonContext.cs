using System.Text.Json.Serialization;

namespace Immutable.Examples.SampleProvider;

/// <summary>Source-generated metadata of the models: defines the schemas, keeps the binary AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SampleProviderConfig))]
[JsonSerializable(typeof(FileModel))]
internal sealed partial class SampleJsonContext : JsonSerializerContext
{
}
