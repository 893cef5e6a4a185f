using System.Diagnostics;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>Starting a generation on Swarm: one service of N replicas of one pinned image.</summary>
public sealed partial class SwarmRuntime
{
    /// <inheritdoc />
    public async Task<GenerationFacts> StartGenerationAsync(RolloutSpec spec, long generation, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Immutable.Sdk.Docker.References.ImageReference.IsImageId(spec.Image))
        {
            throw new RolloutException(RolloutField.Image, "Image is not pullable by the swarm", LocalImageDetail(spec.Image));
        }

        var labels = RolloutLabels.Of(spec.Service, generation);
        foreach (var (key, value) in spec.Labels)
        {
            labels.TryAdd(key, value);
        }

        labels[SwarmLabels.AppPort] = spec.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        labels[SwarmLabels.Replicas] = spec.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture);
        labels[SwarmLabels.HealthTimeout] = ((long)spec.Health.Timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (spec.Health.HttpPath is { } healthPath)
        {
            labels[SwarmLabels.HealthPath] = healthPath;
        }
        if (spec.Recipe is { } recipe)
        {
            labels[RolloutLabels.Recipe] = recipe;
        }

        var name = GenerationOf(spec.Service, generation);
        var image = await PinnedImageAsync(spec, cancellation).ConfigureAwait(false);
        string id;
        try
        {
            id = await engine.CreateServiceAsync(new SwarmServiceSpec
            {
                Name = name,
                Image = image,
                Replicas = spec.Replicas,
                Labels = labels,
                Command = spec.Command,
                Environment = spec.Environment,
                Networks = [(NetworkOf(spec.Service), [name]), .. spec.Networks.Select(n => (n, (IReadOnlyList<string>)[spec.Service + "-app"]))],
                EndpointMode = settings.BackendMode,
                Constraints = settings.Constraints,
                MaxReplicasPerNode = settings.MaxReplicasPerNode,
                MemoryBytes = spec.MemoryBytes,
                NanoCpus = spec.NanoCpus,
                ReadOnlyRootFilesystem = spec.ReadOnlyRootFilesystem,
                Init = spec.Init,
                StopGracePeriod = spec.DrainTimeout,
                PullCredentials = spec.PullCredentials,
            }, cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
        {
            var field = ex.Message.Contains("constraint", StringComparison.OrdinalIgnoreCase) ? RolloutField.Placement
                : ex.Message.Contains("network", StringComparison.OrdinalIgnoreCase) ? RolloutField.Networks
                : RolloutField.Image;
            throw new RolloutException(field, "Service could not be created", $"The Swarm manager refused to create {name}: {ex.Message}", ex);
        }

        log($"created service {name} ({spec.Replicas} x {image})");

        // The orchestrator creates the tasks right after the service; wait until every slot has one.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await engine.ListTasksAsync(id, cancellation).ConfigureAwait(false);
            if (tasks.FirstOrDefault(IsRejected) is { } rejected)
            {
                throw Rejected(spec, $"{name}.{rejected.Slot.ToString(System.Globalization.CultureInfo.InvariantCulture)}", rejected);
            }

            var scheduled = tasks.Count(t => t.DesiredState == "running");
            if (scheduled == 0 && clock.Elapsed > StartDeadline)
            {
                throw new RolloutException(RolloutField.None, "Service did not start", $"Swarm scheduled no task of {name} within {StartDeadline.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s.");
            }

            if (scheduled >= spec.Replicas || clock.Elapsed > StartDeadline)
            {
                var facts = await engine.InspectServiceAsync(id, cancellation).ConfigureAwait(false)
                    ?? throw new RolloutException(RolloutField.None, "Service vanished", $"{name} was removed right after it was created.");
                return Generation(facts, tasks);
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    private static string LocalImageDetail(string image) =>
        $"{image} is a local image id: it names an image on the engine that built it, which other nodes cannot pull. Push the image and use its repo@sha256 reference (immutable_image's reference attribute).";
}
