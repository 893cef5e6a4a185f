using System.Globalization;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>Starting a generation on one host: pull its image if needed, take the free lane, then one container per replica.</summary>
public sealed partial class DockerHostRuntime
{
    /// <inheritdoc />
    public async Task<GenerationFacts> StartGenerationAsync(RolloutSpec spec, long generation, CancellationToken cancellation)
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

        var lane = await FreeLaneAsync(spec, cancellation).ConfigureAwait(false);
        labels[RolloutLabels.Lane] = lane;
        await EnsureImageAsync(spec, cancellation).ConfigureAwait(false);
        var started = new List<ContainerFacts>();
        for (var index = 0; index < spec.Replicas; index++)
        {
            started.Add(await StartContainerAsync(spec, generation, index, labels, cancellation).ConfigureAwait(false));
        }

        if (started.FirstOrDefault(c => !c.Addresses.ContainsKey(NetworkOf(spec.Service))) is { } lost)
        {
            throw new RolloutException(RolloutField.None, "Container has no address", $"{lost.Name} has no address on {NetworkOf(spec.Service)}.");
        }

        return Generation(spec.Service, generation, started);
    }

    /// <summary>
    /// The lane no generation of the service uses. Before a new generation starts, at most one other is left
    /// (the engine settles interrupted runs first), so one of the two lanes is always free.
    /// </summary>
    private async Task<string> FreeLaneAsync(RolloutSpec spec, CancellationToken cancellation)
    {
        var apps = await engine.ListContainersAsync(RolloutLabels.Of(spec.Service), cancellation).ConfigureAwait(false);
        var taken = apps.Select(c => c.Labels.GetValueOrDefault(RolloutLabels.Lane)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return LanesOf(spec.Service, spec.Port).FirstOrDefault(lane => !taken.Contains(lane))
            ?? throw new RolloutException(RolloutField.None, "No free lane",
                $"Both lanes of {spec.Service} are taken by running generations ({string.Join(", ", taken.Order(StringComparer.Ordinal))}); remove the one the endpoint does not route to and apply again.");
    }

    /// <summary>The lane's DNS name (without the port).</summary>
    private static string LaneName(string lane) => lane[..lane.LastIndexOf(':')];

    private async Task<ContainerFacts> StartContainerAsync(RolloutSpec spec, long generation, int index, Dictionary<string, string> labels, CancellationToken cancellation)
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
                // The lane is how the endpoint finds the generation, through Docker's DNS, after any restart.
                Aliases = [string.Create(CultureInfo.InvariantCulture, $"{spec.Service}-g{generation}"), LaneName(labels[RolloutLabels.Lane])],
                Port = spec.Port,
                MemoryBytes = spec.MemoryBytes,
                NanoCpus = spec.NanoCpus,
                ReadOnlyRootFilesystem = spec.ReadOnlyRootFilesystem,
                Init = spec.Init,
                Mounts = spec.Volumes,
                // A crashed replica comes back from the same image; the engine also restarts it after a daemon restart.
                RestartUnlessStopped = true,
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
        return await engine.InspectContainerAsync(id, cancellation).ConfigureAwait(false)
            ?? throw new RolloutException(RolloutField.None, "Container vanished", $"{name} was removed right after it started.");
    }

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
}
