using System.Text.Json.Serialization;

namespace Immutable.Examples.SampleProvider;

/// <summary>
/// Source-generated metadata of the models: defines the schemas, keeps the binary AOT-safe. No naming
/// policy is needed: attribute names are derived as snake_case from the property names (BaseDirectory → base_directory).
/// </summary>
[JsonSerializable(typeof(SampleProviderConfig))]
[JsonSerializable(typeof(FileModel))]
internal sealed partial class SampleJsonContext : JsonSerializerContext
{
}
