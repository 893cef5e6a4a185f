using System.Globalization;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Runs generations as containers on one Docker engine, behind an nginx container that serves the
/// stable endpoint (see <see cref="NginxConfig"/>). Every container of a service joins the service's
/// own bridge network; each application container also publishes its port on loopback for probes.
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
            endpoint,
            generations.ToDictionary(g => g.Key, g => (IReadOnlyList<ContainerFacts>)[.. g.Value.OrderBy(c => c.Name, StringComparer.Ordinal)]));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ContainerFacts>> StartGenerationAsync(RolloutSpec spec, long generation, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var labels = RolloutLabels.Of(spec.Service, generation);
        foreach (var (key, value) in spec.Labels)
        {
            labels.TryAdd(key, value);
        }

        if (spec.Recipe is { } recipe)
        {
            labels[RolloutLabels.Recipe] = recipe;
        }

        await EnsureImageAsync(spec, cancellation).ConfigureAwait(false);
        var started = new List<ContainerFacts>();
        for (var index = 0; index < spec.Replicas; index++)
        {
            var name = ContainerOf(spec.Service, generation, index);
            string id;
            try
            {
                id = await engine.CreateContainerAsync(new ContainerSpec
                {
                    Name = name,
                    Image = spec.Image,
                    Command = spec.Command,
                    Environment = spec.Environment,
                    Labels = labels,
                    Network = NetworkOf(spec.Service),
                    Aliases = [string.Create(CultureInfo.InvariantCulture, $"{spec.Service}-g{generation}")],
                    Port = spec.Port,
                    Publish = ("127.0.0.1", 0),
                    MemoryBytes = spec.MemoryBytes,
                    NanoCpus = spec.NanoCpus,
                    ReadOnlyRootFilesystem = spec.ReadOnlyRootFilesystem,
                    Init = spec.Init,
                    Mounts = spec.Volumes,
                    StopTimeoutSeconds = (int)Math.Ceiling(spec.DrainTimeout.TotalSeconds),
                }, cancellation).ConfigureAwait(false);
            }
            catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
            {
                var field = ex.Message.Contains("volume", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("mount", StringComparison.OrdinalIgnoreCase)
                    ? RolloutField.Volumes
                    : RolloutField.Image;
                throw new RolloutException(field, "Container could not be created", $"The engine refused to create {name}: {ex.Message}", ex);
            }

            foreach (var network in spec.Networks)
            {
                try
                {
                    await engine.ConnectAsync(network, id, [spec.Service + "-app"], cancellation).ConfigureAwait(false);
                }
                catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
                {
                    throw new RolloutException(RolloutField.Networks, "Network not available", $"{name} could not join the network \"{network}\": {ex.Message}", ex);
                }
            }

            try
            {
                await engine.StartContainerAsync(id, cancellation).ConfigureAwait(false);
            }
            catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
            {
                throw new RolloutException(RolloutField.None, "Container could not start", $"{name} did not start: {ex.Message}", ex);
            }

            log($"started {name} ({spec.Image})");
            started.Add(await engine.InspectContainerAsync(id, cancellation).ConfigureAwait(false)
                ?? throw new RolloutException(RolloutField.None, "Container vanished", $"{name} was removed right after it started."));
        }

        return started;
    }

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(RolloutSpec spec, ContainerFacts instance, CancellationToken cancellation)
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
    public string BackendOf(RolloutSpec spec, ContainerFacts instance)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instance);
        var address = instance.Addresses.GetValueOrDefault(NetworkOf(spec.Service))
            ?? throw new RolloutException(RolloutField.None, "Container has no address", $"{instance.Name} has no address on {NetworkOf(spec.Service)}.");
        return string.Create(CultureInfo.InvariantCulture, $"{address}:{spec.Port}");
    }

    /// <inheritdoc />
    public Task RemoveAsync(IEnumerable<ContainerFacts> instances, TimeSpan grace, CancellationToken cancellation) =>
        Task.WhenAll(instances.Select(async instance =>
        {
            await engine.RemoveContainerAsync(instance.Id, grace, cancellation).ConfigureAwait(false);
            log($"removed {instance.Name}");
        }));

    /// <summary>Pulls the generation's image (with the provider's credentials) when the engine does not have it, e.g. an image built and pushed elsewhere.</summary>
    private async Task EnsureImageAsync(RolloutSpec spec, CancellationToken cancellation)
    {
        if (await engine.InspectImageAsync(spec.Image, cancellation).ConfigureAwait(false) is not null)
        {
            return;
        }

        if (ImageReference.IsImageId(spec.Image))
        {
            throw new RolloutException(RolloutField.Image, "Image not found",
                $"The engine has no image {spec.Image}. A local image id only names an image on the engine that built it; push the image and use its repo@sha256 reference to run it elsewhere.");
        }

        try
        {
            log($"pulling {spec.Image}");
            await engine.PullImageAsync(spec.Image, spec.PullCredentials, cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure is DockerFailure.RegistryRefused or DockerFailure.Refused)
        {
            throw new RolloutException(RolloutField.Image, "Image could not be pulled",
                $"The engine does not have {spec.Image} and could not pull it: {ex.Message}\nCheck the registry address and the provider's registry_auth (or ~/.docker/config.json).", ex);
        }
    }

    /// <inheritdoc />
    public Task<string> LogTailAsync(ContainerFacts instance, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return engine.LogTailAsync(instance.Id, 20, cancellation);
    }
}
