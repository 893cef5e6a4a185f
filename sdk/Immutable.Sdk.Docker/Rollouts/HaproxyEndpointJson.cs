using System.Text.Json;
using System.Text.Json.Serialization;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// The endpoint's settings, stored in the endpoint container beside its configuration, so that any later run
/// (on any machine) can re-render the configuration for a traffic switch without the rollout's full spec.
/// </summary>
public static class HaproxyEndpointJson
{
    /// <summary>The file name beside <see cref="HaproxyConfig.FileName"/>.</summary>
    public const string FileName = "endpoint.json";

    /// <summary>Serialized form.</summary>
    public static byte[] ToJson(HaproxyEndpoint endpoint) => JsonSerializer.SerializeToUtf8Bytes(endpoint, HaproxyEndpointJsonContext.Default.HaproxyEndpoint);

    /// <summary>Reads the stored form; null when it is unreadable.</summary>
    public static HaproxyEndpoint? FromJson(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, HaproxyEndpointJsonContext.Default.HaproxyEndpoint);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(HaproxyEndpoint))]
internal sealed partial class HaproxyEndpointJsonContext : JsonSerializerContext
{
}
