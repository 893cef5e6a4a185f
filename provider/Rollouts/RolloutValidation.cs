using System.Text.RegularExpressions;
using Immutable.Cty;
using Immutable.Sdk.Docker.References;
using Immutable.Sdk.Framework;
using static Immutable.Provider.ConfigChecks;

namespace Immutable.Provider.Rollouts;

/// <summary>Checks a rollout's configuration before anything is started; every problem points at its attribute. Unknown values are skipped.</summary>
internal static partial class RolloutValidation
{
    /// <summary>The strategy names users write.</summary>
    public static readonly IReadOnlyList<string> Strategies = ["blue_green", "canary", "recreate"];

    /// <summary>The runtimes users choose from.</summary>
    public static readonly IReadOnlyList<string> Runtimes = [RolloutSpecs.DockerRuntime, RolloutSpecs.SwarmRuntime];

    public static void Validate(CtyValue config, Diagnostics diagnostics)
    {
        var root = CtyPath.Root;
        if (Text(config, "name") is { } name && !ServiceName().IsMatch(name))
        {
            diagnostics.AddError("Invalid service name", $"\"{name}\" must start with a lowercase letter or digit and contain only lowercase letters, digits, `-` and `_` (at most 40 characters): it names containers and a network.", root.GetAttr("name"));
        }

        var allowTags = Known(config, "allow_unpinned_image") is { } allow && allow.AsBool();
        if (Text(config, "image") is { } image && !allowTags && !ImageReference.IsPinned(image))
        {
            diagnostics.AddError("Image is not pinned by digest",
                $"\"{image}\" can name different content tomorrow. Use a digest (`repo@sha256:...`, or a local image id `sha256:...`) — e.g. `immutable_image.app.reference` — or set `allow_unpinned_image = true` to accept a tag.",
                root.GetAttr("image"));
        }

        WholeNumber(config, "replicas", 1, 100, root.GetAttr("replicas"), diagnostics);
        WholeNumber(config, "port", 1, 65535, root.GetAttr("port"), diagnostics);
        foreach (var attribute in (string[])["deadline", "drain_timeout", "max_age"])
        {
            Duration(config, attribute, root.GetAttr(attribute), diagnostics);
        }

        if (Known(config, "memory_mb") is { } memory && memory.AsDouble() < 6)
        {
            diagnostics.AddError("Memory limit too small", "Docker needs at least 6 MiB per container.", root.GetAttr("memory_mb"));
        }

        if (Known(config, "cpus") is { } cpus && cpus.AsDouble() <= 0)
        {
            diagnostics.AddError("Invalid CPU limit", "`cpus` must be greater than zero, e.g. `0.5`.", root.GetAttr("cpus"));
        }

        if (Known(config, "endpoint") is { } endpoint)
        {
            WholeNumber(endpoint, "host_port", 1, 65535, root.GetAttr("endpoint").GetAttr("host_port"), diagnostics);
            if (Text(endpoint, "host_ip") is { } ip && !System.Net.IPAddress.TryParse(ip, out _))
            {
                diagnostics.AddError("Invalid host address", $"\"{ip}\" is not an IP address such as 127.0.0.1 or 0.0.0.0.", root.GetAttr("endpoint").GetAttr("host_ip"));
            }
        }

        if (Known(config, "health_check") is { } health)
        {
            var path = root.GetAttr("health_check");
            if (Text(health, "http_path") is { } httpPath && !httpPath.StartsWith('/'))
            {
                diagnostics.AddError("Invalid health check path", $"\"{httpPath}\" must start with `/`.", path.GetAttr("http_path"));
            }

            Duration(health, "interval", path.GetAttr("interval"), diagnostics);
            Duration(health, "timeout", path.GetAttr("timeout"), diagnostics);
            WholeNumber(health, "retries", 1, 100, path.GetAttr("retries"), diagnostics);
        }

        ValidateStrategy(config, diagnostics);
        ValidateRuntime(config, diagnostics);
        if (Known(config, "volumes") is { } volumes)
        {
            for (var i = 0; i < volumes.Elements.Count; i++)
            {
                if (Text(volumes.Elements[i], "target") is { } target && !target.StartsWith('/'))
                {
                    diagnostics.AddError("Invalid volume target", $"\"{target}\" must be an absolute path inside the container.", root.GetAttr("volumes").Index(i).GetAttr("target"));
                }
            }
        }

        ConfigChecks.Timeouts(config, diagnostics);
    }

    /// <summary>The runtime and what only Swarm has; the checks that need the swarm itself run at plan time (<c>CheckEndpointAsync</c>).</summary>
    private static void ValidateRuntime(CtyValue config, Diagnostics diagnostics)
    {
        var root = CtyPath.Root;
        var runtime = Text(config, "runtime");
        if (runtime is not null && !Runtimes.Contains(runtime))
        {
            diagnostics.AddError("Unknown runtime", $"\"{runtime}\" is not one of {string.Join(", ", Runtimes)}.", root.GetAttr("runtime"));
            return;
        }

        var endpoint = Known(config, "endpoint");
        if (runtime != RolloutSpecs.SwarmRuntime)
        {
            if (!config.GetAttribute("runtime").IsKnown)
            {
                return;
            }

            foreach (var (value, path) in (ReadOnlySpan<(CtyValue?, CtyPath)>)[
                (Known(config, "placement"), root.GetAttr("placement")),
                (endpoint is null ? null : Known(endpoint, "publish_mode"), root.GetAttr("endpoint").GetAttr("publish_mode")),
                (endpoint is null ? null : Known(endpoint, "backend_mode"), root.GetAttr("endpoint").GetAttr("backend_mode"))])
            {
                if (value is not null)
                {
                    diagnostics.AddError("Swarm-only setting", "This setting applies to `runtime = \"swarm\"` only; remove it or set the runtime.", path);
                }
            }

            return;
        }

        if (Text(config, "image") is { } image && ImageReference.IsImageId(image))
        {
            diagnostics.AddError("Image is not pullable by the swarm",
                $"\"{image}\" is a local image id: it names an image on the engine that built it, which other nodes cannot pull. Push the image and use its repo@sha256 reference (immutable_image's `reference`).",
                root.GetAttr("image"));
        }

        if (Known(config, "volumes") is { Elements.Count: > 0 })
        {
            diagnostics.AddError("Volumes are not supported on Swarm yet", "Swarm tasks move between nodes, so host volumes do not follow them; the Swarm runtime does not mount volumes yet.", root.GetAttr("volumes"));
        }

        if (endpoint is not null)
        {
            OneOf(endpoint, "publish_mode", ["ingress", "host"], root.GetAttr("endpoint").GetAttr("publish_mode"), diagnostics);
            OneOf(endpoint, "backend_mode", ["vip", "dnsrr"], root.GetAttr("endpoint").GetAttr("backend_mode"), diagnostics);
            if (Text(endpoint, "host_ip") is not null)
            {
                diagnostics.AddError("Swarm publishes on every address", "A Swarm service's published port listens on all addresses of its nodes; remove `host_ip`.", root.GetAttr("endpoint").GetAttr("host_ip"));
            }
        }

        if (Known(config, "placement") is { } placement)
        {
            WholeNumber(placement, "max_replicas_per_node", 1, 1000, root.GetAttr("placement").GetAttr("max_replicas_per_node"), diagnostics);
        }
    }

    private static void OneOf(CtyValue parent, string name, string[] allowed, CtyPath path, Diagnostics diagnostics)
    {
        if (Text(parent, name) is { } value && !allowed.Contains(value))
        {
            diagnostics.AddError($"Invalid {name.Replace('_', ' ')}", $"\"{value}\" is not one of {string.Join(", ", allowed)}.", path);
        }
    }

    private static void ValidateStrategy(CtyValue config, Diagnostics diagnostics)
    {
        if (Known(config, "strategy") is not { } strategy)
        {
            return;
        }

        var path = CtyPath.Root.GetAttr("strategy");
        var type = Text(strategy, "type");
        if (type is not null && !Strategies.Contains(type))
        {
            diagnostics.AddError("Unknown strategy", $"\"{type}\" is not one of {string.Join(", ", Strategies)}.", path.GetAttr("type"));
            return;
        }

        var steps = Known(strategy, "steps");
        if (type is not null && type != "canary" && steps is { Elements.Count: > 0 })
        {
            diagnostics.AddError("Steps need the canary strategy", $"`steps` shift traffic gradually; the {type} strategy does not use them. Remove them or set `type = \"canary\"`.", path.GetAttr("steps"));
            return;
        }

        if (type == "canary" && steps is null or { Elements.Count: 0 } && strategy.GetAttribute("steps").IsKnown)
        {
            diagnostics.AddError("Canary needs steps", "Give the canary strategy at least one step, e.g. `steps = [{ weight = 20, pause = \"30s\" }, { weight = 50, pause = \"30s\" }]`.", path.GetAttr("steps"));
            return;
        }

        if (steps is null)
        {
            return;
        }

        var previous = 0.0;
        for (var i = 0; i < steps.Elements.Count; i++)
        {
            var step = steps.Elements[i];
            var stepPath = path.GetAttr("steps").Index(i);
            Duration(step, "pause", stepPath.GetAttr("pause"), diagnostics);
            if (Known(step, "weight") is not { } weightValue)
            {
                continue;
            }

            var weight = weightValue.AsDouble();
            if (weight < 1 || weight > 100 || weight != Math.Floor(weight))
            {
                diagnostics.AddError("Invalid canary weight", $"Step {i + 1}: the weight must be a whole percentage from 1 to 100, not {weightValue.AsNumber()}.", stepPath.GetAttr("weight"));
            }
            else if (weight <= previous)
            {
                diagnostics.AddError("Canary weights must increase", $"Step {i + 1} gives the new generation {weight}% after {previous}%; each step must give it more traffic than the one before, up to 100.", stepPath.GetAttr("weight"));
            }

            previous = weight;
        }
    }

    private static void WholeNumber(CtyValue parent, string name, double min, double max, CtyPath path, Diagnostics diagnostics)
    {
        if (Known(parent, name) is { } value)
        {
            var number = value.AsDouble();
            if (number < min || number > max || number != Math.Floor(number))
            {
                diagnostics.AddError($"Invalid {name.Replace('_', ' ')}", $"{value.AsNumber()} must be a whole number from {min} to {max}.", path);
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex ServiceName();
}
