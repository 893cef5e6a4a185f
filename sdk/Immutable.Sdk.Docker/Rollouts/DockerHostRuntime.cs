using System.Globalization;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Runs generations as containers on one Docker engine, behind an nginx container that serves the
/// stable endpoint (see <see cref="NginxConfig"/>). Every container of a service joins the service's
/// own bridge network; each application container also publishes its port on loopback for probes.
/// This runtime alone knows its naming: <c>NAME-gN-i</c>, <c>NAME-endpoint</c>, <c>immutable-NAME</c>.
/// </summary>
public sealed partial class DockerHostRuntime(DockerEngine engine, HealthProbe probe, Action<string> log) : IRolloutRuntime
{
    /// <summary>Name of the service's own network.</summary>
    public static string NetworkOf(string service) => $"immutable-{service}";

    /// <summary>Name of the endpoint (traffic switch) container.</summary>
    public static string EndpointOf(string service) => $"{service}-endpoint";

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

        var routes = RouteTable.Empty;
        if (endpoint is not null &&
            await engine.ReadFileAsync(endpoint.Id, $"{NginxConfig.Directory}/{NginxConfig.RoutesFileName}", cancellation).ConfigureAwait(false) is { } json)
        {
            routes = RouteTable.FromJson(json) ?? RouteTable.Empty;
        }

        return new ServiceSnapshot(
            routes,
            new EndpointFacts(EndpointOf(service), endpoint is not null, endpoint is { Running: true }),
            generations.ToDictionary(g => g.Key, g => Generation(service, g.Key, g.Value, port: null)));
    }

    /// <summary>A generation from its containers; backends use <paramref name="port"/>, else the port each container publishes.</summary>
    private static GenerationFacts Generation(string service, long number, IEnumerable<ContainerFacts> containers, int? port)
    {
        var ordered = containers.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var backends = ordered
            .Select(c => (Address: c.Addresses.GetValueOrDefault(NetworkOf(service)), Port: port ?? c.PublishedPorts.Keys.FirstOrDefault()))
            .Where(b => b.Address is not null && b.Port > 0)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Address}:{b.Port}"))
            .ToList();
        return new GenerationFacts(number, [.. ordered.Select(Instance)], backends, ordered.FirstOrDefault()?.Labels.GetValueOrDefault(RolloutLabels.Recipe));
    }

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

        return new ProbeResult(await probe.CheckAsync(current, spec.Port, spec.Health, cancellation).ConfigureAwait(false));
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
