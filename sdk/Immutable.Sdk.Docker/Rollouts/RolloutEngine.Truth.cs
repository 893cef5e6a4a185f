using System.Globalization;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// What is true about a service, for refresh, import and plan-time checks. A recorded generation serves only
/// when it is whole, runs its image, and the endpoint routes all traffic to it with nothing else of the service
/// around: a generation the record does not know (left or switched to by an interrupted apply) is drift, so
/// the next apply replaces the recorded one and in doing so drains and removes every other generation.
/// </summary>
public sealed partial class RolloutEngine
{
    /// <summary>Checks that can be made at plan time, before anything is created.</summary>
    public Task<IReadOnlyList<RolloutProblem>> CheckEndpointAsync(string service, int? hostPort, CancellationToken cancellation) =>
        runtime.CheckEndpointAsync(service, hostPort, cancellation);

    /// <summary>What runs of a recorded generation and how it differs from the record; null when nothing of it is left.</summary>
    public async Task<GenerationReport?> InspectAsync(GenerationRecord record, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(record);
        var snapshot = await runtime.ObserveAsync(record.Service, cancellation).ConfigureAwait(false);
        return Report(snapshot, record);
    }

    /// <summary>The generation import adopts: the one that last took all traffic, else the newest; null when none runs.</summary>
    public async Task<GenerationFacts?> FindAsync(string service, CancellationToken cancellation)
    {
        var snapshot = await runtime.ObserveAsync(service, cancellation).ConfigureAwait(false);
        var generation = snapshot.Routes.Stable ?? (snapshot.Generations.Count > 0 ? snapshot.Generations.Keys.Max() : 0);
        return snapshot.Generations.TryGetValue(generation, out var found) && found.Instances.Count > 0 ? found : null;
    }

    /// <summary>The report for <paramref name="record"/> in <paramref name="snapshot"/>.</summary>
    public static GenerationReport? Report(ServiceSnapshot snapshot, GenerationRecord record)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(record);
        var instances = snapshot.InstancesOf(record.Generation);
        if (instances.Count == 0 && !snapshot.Routes.RoutesTo(record.Generation))
        {
            // Nothing of this generation is left: it is gone.
            return null;
        }

        return new GenerationReport(
            record.Generation,
            [.. instances.Select(i => i.Name)],
            instances.FirstOrDefault()?.ImageId ?? string.Empty,
            instances.Min(i => i.StartedAt),
            snapshot.Generations.GetValueOrDefault(record.Generation)?.Recipe,
            InstanceDrift(record, instances) ?? TrafficDrift(snapshot, record.Generation),
            instances.Sum(i => i.RestartCount));
    }

    private static string? InstanceDrift(GenerationRecord record, IReadOnlyList<InstanceFacts> instances)
    {
        if (instances.Count < record.Replicas)
        {
            var missing = record.Instances.Where(n => instances.All(c => c.Name != n)).ToList();
            return $"drifted: {instances.Count} of {record.Replicas} containers exist{(missing.Count > 0 ? " (missing " + string.Join(", ", missing) + ")" : string.Empty)}";
        }

        // A container the runtime is restarting (it crashed; the restart policy brings it back from the same image) heals itself: not drift.
        if (instances.FirstOrDefault(c => !c.Running && c.Status != Restarting) is { } stopped)
        {
            return $"drifted: {stopped.Name} is {stopped.Status}";
        }

        return record.ImageId is { } image && instances.FirstOrDefault(c => c.ImageId != image) is { } other
            ? $"drifted: {other.Name} runs {other.ImageId}, not {image}"
            : null;
    }

    private static string? TrafficDrift(ServiceSnapshot snapshot, long generation)
    {
        var routes = snapshot.Routes;
        if (!snapshot.Endpoint.Running)
        {
            return $"drifted: the endpoint {snapshot.Endpoint.Name} is missing or stopped";
        }

        if (routes.Stable is { } stable && stable != generation && routes.RoutesTo(stable))
        {
            return $"drifted: the endpoint serves generation {Text(stable)}, which an interrupted apply switched to before Terraform recorded it; a new generation replaces both";
        }

        if (!routes.RoutesTo(generation))
        {
            return $"drifted: the endpoint no longer routes to generation {Text(generation)}";
        }

        if (routes.Routes.FirstOrDefault(r => r.Generation != generation && r.Weight > 0) is { } candidate)
        {
            return $"drifted: an interrupted rollout left generation {Text(candidate.Generation)} with {Text(candidate.Weight)}% of the traffic";
        }

        return snapshot.Generations.Values.FirstOrDefault(g => g.Number != generation) is { } stray
            ? $"drifted: generation {Text(stray.Number)} ({Text(stray.Instances.Count)} container(s)), left by an interrupted apply, runs beside it"
            : null;
    }

    /// <summary>The status of an instance its runtime is about to start again.</summary>
    private const string Restarting = "restarting";

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);
}
