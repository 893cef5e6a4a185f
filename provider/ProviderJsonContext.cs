using System.Text.Json.Serialization;
using Immutable.Provider.Images;
using Immutable.Provider.Rollouts;

namespace Immutable.Provider;

/// <summary>Source-generated JSON metadata of every model: it defines the schemas and keeps the binary AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProviderConfig))]
[JsonSerializable(typeof(ImageModel))]
[JsonSerializable(typeof(RolloutModel))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext
{
}
