using System.Globalization;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The labels every rollout object carries, so generations can be found, checked for drift and swept after a crash.</summary>
public static class RolloutLabels
{
    /// <summary>Prefix of the provider's labels.</summary>
    public const string Prefix = "org.immutable-infra.";

    /// <summary>Who manages the object (the owner).</summary>
    public const string ManagedBy = Prefix + "managed-by";

    /// <summary>The owner value.</summary>
    public const string Owner = "terraform-provider-immutable";

    /// <summary>Service name.</summary>
    public const string Service = Prefix + "service";

    /// <summary>Generation number (application containers).</summary>
    public const string Generation = Prefix + "generation";

    /// <summary><c>app</c> or <c>endpoint</c>.</summary>
    public const string Role = Prefix + "role";

    /// <summary>Fingerprint of the endpoint's settings (endpoint container).</summary>
    public const string EndpointFingerprint = Prefix + "endpoint";

    /// <summary>The lane (DNS alias with port on the service network) a generation's containers answer to (application containers).</summary>
    public const string Lane = Prefix + "lane";

    /// <summary>The configuration the generation was created from (for import).</summary>
    public const string Recipe = Prefix + "rollout-recipe";

    /// <summary>Role of application containers.</summary>
    public const string AppRole = "app";

    /// <summary>Role of the endpoint (traffic switch) container.</summary>
    public const string EndpointRole = "endpoint";

    /// <summary>Labels that select every object of a service.</summary>
    public static Dictionary<string, string> Of(string service) => new(StringComparer.Ordinal)
    {
        [ManagedBy] = Owner,
        [Service] = service,
    };

    /// <summary>Labels of one generation's containers.</summary>
    public static Dictionary<string, string> Of(string service, long generation)
    {
        var labels = Of(service);
        labels[Role] = AppRole;
        labels[Generation] = generation.ToString(CultureInfo.InvariantCulture);
        return labels;
    }

    /// <summary>The generation a container belongs to, or null.</summary>
    public static long? GenerationOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Generation, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : null;
}
