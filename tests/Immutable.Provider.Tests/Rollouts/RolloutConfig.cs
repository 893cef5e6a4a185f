using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>Builds <c>immutable_rollout</c> configurations as HCL would, with nested objects typed by the provider's schema.</summary>
internal sealed record RolloutConfig
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public int HostPort { get; init; }

    /// <summary>The address the endpoint is published on (the engine's host).</summary>
    public string HostIp { get; init; } = "127.0.0.1";

    public int Replicas { get; init; } = 2;

    public string Strategy { get; init; } = "blue_green";

    public IReadOnlyList<(int Weight, string Pause)> Steps { get; init; } = [];

    public string? HealthPath { get; init; } = "/healthz";

    public string Deadline { get; init; } = "20s";

    public string DrainTimeout { get; init; } = "5s";

    public string? MaxAge { get; init; }

    public bool AllowUnpinned { get; init; }

    public bool ReadOnlyRootFs { get; init; }

    public string? Volume { get; init; }

    public string? Network { get; init; }

    /// <summary>Set to run on Swarm: the endpoint is published in host mode and reaches generations by DNS round-robin (what this sandbox forwards).</summary>
    public bool Swarm { get; init; }

    public IReadOnlyList<string>? Constraints { get; init; }

    public CtyValue Build(TerraformSession session) => session.Config("immutable_rollout", new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["image"] = Image,
        ["allow_unpinned_image"] = AllowUnpinned ? true : null,
        ["replicas"] = Replicas,
        ["port"] = 8080,
        ["runtime"] = Swarm ? "swarm" : null,
        ["placement"] = Constraints is null ? null : new Dictionary<string, object?> { ["constraints"] = Constraints },
        ["endpoint"] = Swarm
            ? new Dictionary<string, object?> { ["host_port"] = HostPort, ["publish_mode"] = "host", ["backend_mode"] = "dnsrr" }
            : new Dictionary<string, object?> { ["host_port"] = HostPort, ["host_ip"] = HostIp },
        ["strategy"] = new Dictionary<string, object?>
        {
            ["type"] = Strategy,
            ["steps"] = Steps.Count == 0 ? null : Steps.Select(s => new Dictionary<string, object?> { ["weight"] = s.Weight, ["pause"] = s.Pause }).ToList(),
        },
        ["health_check"] = new Dictionary<string, object?> { ["http_path"] = HealthPath, ["interval"] = "250ms", ["timeout"] = "1s" },
        ["deadline"] = Deadline,
        ["drain_timeout"] = DrainTimeout,
        ["max_age"] = MaxAge,
        ["env"] = new Dictionary<string, object?> { ["MODE"] = "test" },
        ["networks"] = Network is null ? null : new[] { Network },
        ["read_only_root_fs"] = ReadOnlyRootFs ? true : null,
        ["volumes"] = Volume is null ? null : new[] { new Dictionary<string, object?> { ["source"] = Volume, ["target"] = "/data" } },
    });
}
