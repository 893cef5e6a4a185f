using System.Text.Json;
using System.Text.Json.Serialization;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Where the endpoint sends traffic: generations with weights and their backend addresses.
/// <see cref="Stable"/> is the last generation that took all traffic; any other routed generation
/// is a rollout in progress (or one interrupted by a crash, which the next rollout undoes).
/// </summary>
public sealed record RouteTable
{
    /// <summary>No traffic anywhere.</summary>
    public static RouteTable Empty { get; } = new();

    /// <summary>The generation that last took all traffic.</summary>
    public long? Stable { get; init; }

    /// <summary>The routed generations.</summary>
    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary>True when <paramref name="generation"/> receives traffic.</summary>
    public bool RoutesTo(long generation) => Routes.Any(r => r.Generation == generation && r.Weight > 0);

    /// <summary>All traffic to one generation.</summary>
    public static RouteTable Only(long generation, IReadOnlyList<string> backends) =>
        new() { Stable = generation, Routes = [new Route(generation, 100, backends)] };

    /// <summary>Serialized form stored next to the proxy configuration.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, RouteTableJson.Default.RouteTable);

    /// <summary>Reads the stored form; null when it is unreadable.</summary>
    public static RouteTable? FromJson(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RouteTableJson.Default.RouteTable);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One routed generation.</summary>
/// <param name="Generation">Generation number.</param>
/// <param name="Weight">Share of traffic in percent.</param>
/// <param name="Backends">Backend addresses (<c>ip:port</c>).</param>
public sealed record Route(long Generation, int Weight, IReadOnlyList<string> Backends);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(RouteTable))]
internal sealed partial class RouteTableJson : JsonSerializerContext
{
}
