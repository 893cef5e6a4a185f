using System.Globalization;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>Labels only the Swarm runtime uses, beside <see cref="RolloutLabels"/>.</summary>
internal static class SwarmLabels
{
    /// <summary>Role of a router service (one route table).</summary>
    public const string RouterRole = "router";

    /// <summary>Role of a config object (a router's or the front's HAProxy configuration).</summary>
    public const string ConfigRole = "proxy-config";

    /// <summary>The router's place in the order of route tables (higher is newer).</summary>
    public const string RouteSequence = RolloutLabels.Prefix + "route-sequence";

    /// <summary>The route table a router serves, as JSON (read back by later runs, from any machine).</summary>
    public const string Routes = RolloutLabels.Prefix + "routes";

    /// <summary>The token probe requests must carry (on the front service).</summary>
    public const string ProbeToken = RolloutLabels.Prefix + "probe-token";

    /// <summary>The port the application listens on (on generation services).</summary>
    public const string AppPort = RolloutLabels.Prefix + "port";

    /// <summary>The generation's HTTP health path (on generation services; absent for a TCP check): the routers' active check.</summary>
    public const string HealthPath = RolloutLabels.Prefix + "health-path";

    /// <summary>The generation's health check timeout in milliseconds (on generation services).</summary>
    public const string HealthTimeout = RolloutLabels.Prefix + "health-timeout-ms";

    /// <summary>The replicas the generation was rolled out with (on generation services): a different count is a scale behind Terraform's back.</summary>
    public const string Replicas = RolloutLabels.Prefix + "replicas";

    public static long? SequenceOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(RouteSequence, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;

    public static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);
}
