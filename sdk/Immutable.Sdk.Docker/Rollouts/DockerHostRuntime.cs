using System.Globalization;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Runs generations as containers on one Docker engine, behind an HAProxy container that serves the
/// stable endpoint (see <see cref="HaproxyConfig"/> and docs/design/endpoint-proxy.md). Every container of
/// a service joins the service's own bridge network; a generation's containers also answer to its lane
/// there (<c>NAME-lane0</c> or <c>NAME-lane1</c>), which the endpoint resolves through Docker's DNS, so
/// nothing pins an address and nothing but the endpoint is published on the host. Everything restarts
/// with the engine (<c>unless-stopped</c>). This runtime alone knows its naming: <c>NAME-gN-i</c>,
/// <c>NAME-endpoint</c>, <c>NAME-laneK</c>, <c>immutable-NAME</c>.
/// </summary>
public sealed partial class DockerHostRuntime(DockerEngine engine, HealthProbe probe, Action<string> log) : IRolloutRuntime
{
    /// <summary>Name of the service's own network.</summary>
    public static string NetworkOf(string service) => $"immutable-{service}";

    /// <summary>Name of the endpoint (traffic switch) container.</summary>
    public static string EndpointOf(string service) => $"{service}-endpoint";

    /// <summary>The two lanes of a service: the DNS alias a generation's containers carry, with the application port.</summary>
    public static IReadOnlyList<string> LanesOf(string service, int port) =>
        [.. Enumerable.Range(0, 2).Select(lane => string.Create(CultureInfo.InvariantCulture, $"{service}-lane{lane}:{port}"))];

    /// <summary>Name of one application container.</summary>
    public static string ContainerOf(string service, long generation, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{service}-g{generation}-{index}");

    /// <inheritdoc />
    public async Task<ServiceSnapshot> ObserveAsync(string service, CancellationToken cancellation)
    {
        var listed = await engine.ListContainersAsync(RolloutLabels.Of(service), cancellation).ConfigureAwait(false);
        var generations = new Dictionary<long, List<ContainerFacts>>();
        ContainerFacts? endpoint = null;
        foreach (var summary in listed)
        {
            if (await engine.InspectContainerAsync(summary.Id, cancellation).ConfigureAwait(false) is not { } facts)
            {
                continue;
            }

            if (facts.Labels.GetValueOrDefault(RolloutLabels.Role) == RolloutLabels.EndpointRole)
            {
                endpoint = facts;
            }
            else if (RolloutLabels.GenerationOf(facts.Labels) is { } generation)
            {
                (generations.TryGetValue(generation, out var list) ? list : generations[generation] = []).Add(facts);
            }
        }

        var found = generations.ToDictionary(g => g.Key, g => Generation(service, g.Key, g.Value));
        var routes = endpoint is null ? RouteTable.Empty : await RoutesAsync(endpoint, found, cancellation).ConfigureAwait(false);
        return new ServiceSnapshot(
            routes,
            new EndpointFacts(EndpointOf(service), endpoint is not null, endpoint is { Running: true }),
            found);
    }

    /// <summary>
    /// A generation from its containers. Its backends are its lane, once per container (so the endpoint splits the
    /// generation's share across them); containers of older versions, which have no lane, are backends by address.
    /// </summary>
    private static GenerationFacts Generation(string service, long number, IEnumerable<ContainerFacts> containers)
    {
        var ordered = containers.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var backends = ordered
            .Select(c => c.Labels.GetValueOrDefault(RolloutLabels.Lane) ?? LegacyAddress(service, c))
            .OfType<string>()
            .ToList();
        return new GenerationFacts(number, [.. ordered.Select(Instance)], backends, ordered.FirstOrDefault()?.Labels.GetValueOrDefault(RolloutLabels.Recipe));
    }

    /// <summary><c>ip:port</c> of a container started by an older version (it published its port for probes).</summary>
    private static string? LegacyAddress(string service, ContainerFacts container) =>
        container.Addresses.GetValueOrDefault(NetworkOf(service)) is { } address && container.PublishedPorts.Keys.FirstOrDefault() is > 0 and var port
            ? string.Create(CultureInfo.InvariantCulture, $"{address}:{port}")
            : null;

    private static InstanceFacts Instance(ContainerFacts container) => new()
    {
        Id = container.Id,
        Name = container.Name,
        ImageId = container.ImageId,
        Running = container.Running,
        Status = container.Status,
        StartedAt = container.StartedAt,
        RestartCount = container.RestartCount,
    };

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(RolloutSpec spec, InstanceFacts instance, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instance);
        var current = await engine.InspectContainerAsync(instance.Id, cancellation).ConfigureAwait(false);
        if (current is null)
        {
            return new ProbeResult($"container {instance.Name} was removed", Fatal: true);
        }

        if (!current.Running || current.RestartCount > instance.RestartCount)
        {
            return new ProbeResult($"container {current.Name} is {current.Status} (exit code {current.ExitCode.ToString(CultureInfo.InvariantCulture)}, restarts {current.RestartCount.ToString(CultureInfo.InvariantCulture)})", Fatal: true);
        }

        return new ProbeResult(await probe.CheckAsync(current, EndpointOf(spec.Service), NetworkOf(spec.Service), spec.Port, spec.Health, cancellation).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task RemoveAsync(GenerationFacts generation, TimeSpan grace, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        return Task.WhenAll(generation.Instances.Select(async instance =>
        {
            await engine.RemoveContainerAsync(instance.Id, grace, cancellation).ConfigureAwait(false);
            log($"removed {instance.Name}");
        }));
    }

    /// <inheritdoc />
    public Task<string> LogTailAsync(InstanceFacts instance, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return engine.LogTailAsync(instance.Id, 20, cancellation);
    }
}
