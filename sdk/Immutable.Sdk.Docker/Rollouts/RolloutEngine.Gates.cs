using System.Diagnostics;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The health gates: every instance healthy before traffic, and healthy throughout each canary pause.</summary>
public sealed partial class RolloutEngine
{
    private async Task WaitHealthyAsync(RolloutSpec spec, IReadOnlyList<InstanceFacts> instances, CancellationToken cancellation)
    {
        // A runtime that started fewer instances than asked for (Swarm scheduling only some tasks in time) must not
        // pass the gate by having nothing left to probe.
        if (instances.Count < spec.Replicas)
        {
            throw new RolloutException(RolloutField.None, "Generation did not start",
                $"{spec.Service}: the runtime started {instances.Count} of {spec.Replicas} instance(s) of the new generation.");
        }

        var clock = Stopwatch.StartNew();
        var pending = instances.ToList();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var instance in pending.ToList())
            {
                var result = await runtime.ProbeAsync(spec, instance, cancellation).ConfigureAwait(false);
                if (result.IsHealthy)
                {
                    pending.Remove(instance);
                    failures.Remove(instance.Name);
                }
                else if (result.Fatal)
                {
                    throw await UnhealthyAsync(instance, result.Failure!, "did not become healthy").ConfigureAwait(false);
                }
                else
                {
                    failures[instance.Name] = result.Failure!;
                }
            }

            if (pending.Count == 0)
            {
                log($"all {instances.Count} container(s) of {spec.Service} healthy after {clock.ElapsedMilliseconds} ms");
                return;
            }

            if (clock.Elapsed > spec.Deadline)
            {
                throw await UnhealthyAsync(pending[0], failures.GetValueOrDefault(pending[0].Name) ?? "no answer",
                    $"was not healthy within the deadline of {DurationText.Format(spec.Deadline)}").ConfigureAwait(false);
            }

            await Task.Delay(spec.Health.Interval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Canary analysis: the new generation must stay healthy for the whole pause (<c>retries</c> consecutive failures abort).</summary>
    private async Task AnalyseAsync(RolloutSpec spec, IReadOnlyList<InstanceFacts> instances, TimeSpan pause, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var streaks = instances.ToDictionary(i => i.Name, _ => 0, StringComparer.Ordinal);
        do
        {
            foreach (var instance in instances)
            {
                var result = await runtime.ProbeAsync(spec, instance, cancellation).ConfigureAwait(false);
                streaks[instance.Name] = result.IsHealthy ? 0 : streaks[instance.Name] + 1;
                if (result.Fatal || streaks[instance.Name] >= spec.Health.Retries)
                {
                    throw await UnhealthyAsync(instance, result.Failure!, "failed the canary analysis").ConfigureAwait(false);
                }
            }

            var left = pause - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left < spec.Health.Interval ? left : spec.Health.Interval, cancellation).ConfigureAwait(false);
            }
        }
        while (clock.Elapsed < pause);
    }

    private async Task<RolloutException> UnhealthyAsync(InstanceFacts instance, string failure, string what)
    {
        var logs = await runtime.LogTailAsync(instance, CancellationToken.None).ConfigureAwait(false);
        return new RolloutException(RolloutField.HealthCheck, "New generation is not healthy",
            $"{instance.Name} {what}: {failure}.\nThe rollout was rolled back: the previous generation keeps serving and the new containers were removed.\n\nLast output of {instance.Name}:\n{(logs.Length > 0 ? logs : "(none)")}");
    }
}
