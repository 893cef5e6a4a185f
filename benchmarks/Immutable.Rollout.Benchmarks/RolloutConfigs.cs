using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Rollout.Benchmarks;

/// <summary>The benchmark's rollout configuration.</summary>
internal static class RolloutConfigs
{
    public static CtyValue Build(TerraformSession session, string service, string image, int port, BenchmarkOptions options) =>
        session.Config("immutable_rollout", new Dictionary<string, object?>
        {
            ["name"] = service,
            ["image"] = image,
            ["replicas"] = options.Replicas,
            ["port"] = 8080,
            ["endpoint"] = new Dictionary<string, object?> { ["host_port"] = port },
            ["strategy"] = options.Strategy == "canary"
                ? new Dictionary<string, object?>
                {
                    ["type"] = "canary",
                    ["steps"] = new[] { new Dictionary<string, object?> { ["weight"] = 20, ["pause"] = "2s" }, new Dictionary<string, object?> { ["weight"] = 50, ["pause"] = "2s" } },
                }
                : new Dictionary<string, object?> { ["type"] = options.Strategy },
            ["health_check"] = new Dictionary<string, object?> { ["http_path"] = "/healthz", ["interval"] = "250ms" },
            ["drain_timeout"] = "5s",
        });
}
