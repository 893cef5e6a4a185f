using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Sdk.Docker.Tests.Rollouts;

/// <summary>Rollout specs for the engine's unit tests: fast probes, no real waiting.</summary>
internal static class Specs
{
    public static RolloutSpec Of(string image, RolloutStrategy? strategy = null) => new()
    {
        Service = "api",
        Image = image,
        Replicas = 2,
        Port = 8080,
        Endpoint = new EndpointSpec("127.0.0.1", 18100, "proxy"),
        Strategy = strategy ?? RolloutStrategy.BlueGreen,
        Health = new HealthCheckSpec("/healthz", TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1), Retries: 2),
        Deadline = TimeSpan.FromHours(1),
        DrainTimeout = TimeSpan.FromSeconds(5),
    };

    public static RolloutStrategy Canary(params int[] weights) =>
        new(StrategyKind.Canary, [.. weights.Select(w => new CanaryStep(w, TimeSpan.Zero))]);

    public static RolloutStrategy Recreate { get; } = new(StrategyKind.Recreate, []);

    /// <summary>What Terraform state records after <paramref name="result"/>.</summary>
    public static GenerationRecord Record(GenerationResult result, string image) =>
        new("api", result.Generation, 2, image, result.Instances);
}
