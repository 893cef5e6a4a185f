using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Immutable.Cty;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;
using Immutable.Sdk.Framework;

namespace Immutable.Provider.Rollouts;

/// <summary>Turns the Terraform model into the engine's <see cref="RolloutSpec"/>, applying the documented defaults.</summary>
internal static class RolloutSpecs
{
    public const string DefaultHostIp = "127.0.0.1";
    public const string DockerRuntime = "docker";
    public const string SwarmRuntime = "swarm";
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(30);

    public static RolloutSpec From(RolloutModel model, string defaultProxyImage)
    {
        var root = CtyPath.Root;
        var health = model.HealthCheck;
        var strategy = model.Strategy?.Type switch
        {
            "canary" => new RolloutStrategy(StrategyKind.Canary, [.. (model.Strategy.Steps ?? []).Select((s, i) => new CanaryStep(
                s.Weight ?? 100,
                s.Pause is { } pause ? GoDuration.Parse(pause, root.GetAttr("strategy").GetAttr("steps").Index(i).GetAttr("pause")) : DefaultPause))]),
            "recreate" => new RolloutStrategy(StrategyKind.Recreate, []),
            _ => RolloutStrategy.BlueGreen,
        };
        return new RolloutSpec
        {
            Service = model.Name!,
            Image = model.Image!,
            Replicas = model.Replicas ?? 1,
            Port = model.Port!.Value,
            Command = model.Command is { } command ? [.. command] : [],
            Environment = model.Env ?? ImmutableSortedDictionary<string, string>.Empty,
            Labels = model.Labels ?? ImmutableSortedDictionary<string, string>.Empty,
            Endpoint = new EndpointSpec(
                model.Endpoint?.HostIp ?? DefaultHostIp,
                model.Endpoint?.HostPort,
                model.Endpoint?.ProxyImage ?? defaultProxyImage),
            Strategy = strategy,
            Health = new HealthCheckSpec(
                health?.HttpPath,
                GoDuration.Parse(health?.Interval, TimeSpan.FromSeconds(2), root.GetAttr("health_check").GetAttr("interval")),
                GoDuration.Parse(health?.Timeout, TimeSpan.FromSeconds(1), root.GetAttr("health_check").GetAttr("timeout")),
                health?.Retries ?? 3),
            Deadline = GoDuration.Parse(model.Deadline, DefaultDeadline, root.GetAttr("deadline")),
            DrainTimeout = GoDuration.Parse(model.DrainTimeout, DefaultDrain, root.GetAttr("drain_timeout")),
            MemoryBytes = (model.MemoryMb ?? 0) * 1024 * 1024,
            NanoCpus = (long)Math.Round((model.Cpus ?? 0) * 1e9),
            ReadOnlyRootFilesystem = model.ReadOnlyRootFs ?? false,
            Init = model.Init ?? true,
            Networks = model.Networks is { } networks ? [.. networks] : [],
            Volumes = [.. (model.Volumes ?? []).Select(v => new VolumeMount(v.Source!, v.Target!, v.ReadOnly ?? false))],
            Recipe = Recipe(model),
        };
    }

    /// <summary>True when the rollout runs on Swarm.</summary>
    public static bool OnSwarm(RolloutModel model) => model.Runtime == SwarmRuntime;

    /// <summary>The Swarm-only settings, with their defaults.</summary>
    public static SwarmSettings Swarm(RolloutModel model) => new()
    {
        Constraints = model.Placement?.Constraints is { } constraints ? [.. constraints] : [],
        MaxReplicasPerNode = model.Placement?.MaxReplicasPerNode ?? 0,
        PublishMode = model.Endpoint?.PublishMode == "host" ? SwarmPublishMode.Host : SwarmPublishMode.Ingress,
        BackendMode = model.Endpoint?.BackendMode == "dnsrr" ? SwarmEndpointMode.Dnsrr : SwarmEndpointMode.Vip,
    };

    /// <summary>
    /// The stable URL from a configuration at plan time (it depends on the configuration only), or
    /// null while any part of it is unknown. Same rule as <see cref="EndpointUrl(RolloutModel)"/>,
    /// so apply records exactly what the plan showed.
    /// </summary>
    public static string? EndpointUrl(CtyValue config)
    {
        var (name, port, endpoint) = (config.GetAttribute("name"), config.GetAttribute("port"), config.GetAttribute("endpoint"));
        if (!name.IsWhollyKnown || !port.IsWhollyKnown || !endpoint.IsWhollyKnown || name.IsNull || port.IsNull)
        {
            return null;
        }

        int? Number(CtyValue value) => value.IsNull ? null : (int)value.AsInt64();
        return EndpointUrl(new RolloutModel
        {
            Name = name.AsString(),
            Port = Number(port),
            Endpoint = endpoint.IsNull ? null : new EndpointModel
            {
                HostPort = Number(endpoint.GetAttribute("host_port")),
                HostIp = endpoint.GetAttribute("host_ip") is { IsNull: false } ip ? ip.AsString() : null,
            },
        });
    }

    /// <summary>The stable URL for the configuration.</summary>
    public static string EndpointUrl(RolloutModel model) =>
        model.Endpoint?.HostPort is { } hostPort
            ? string.Create(CultureInfo.InvariantCulture, $"http://{Bracketed(model.Endpoint.HostIp ?? DefaultHostIp)}:{hostPort}")
            : string.Create(CultureInfo.InvariantCulture, $"http://{model.Name}:{model.Port}");

    /// <summary>The configuration (no computed values) as stored on every container, so import can rebuild it exactly.</summary>
    public static string Recipe(RolloutModel model) => JsonSerializer.Serialize(model with
    {
        Id = null,
        Generation = null,
        Containers = null,
        EndpointUrl = null,
        ImageId = null,
        StartedAt = null,
        ExpiresAt = null,
        Status = null,
    }, ProviderJsonContext.Default.RolloutModel);

    /// <summary>Reads a stored recipe; null when absent or unreadable.</summary>
    public static RolloutModel? ReadRecipe(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ProviderJsonContext.Default.RolloutModel);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Bracketed(string ip) => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
}
