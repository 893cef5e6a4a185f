using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// Which task holds each replica slot of a generation service. When a task ends, Swarm's restart supervisor
/// creates its successor at once with desired state <c>ready</c> and flips it to <c>running</c> only after the
/// restart delay: for that moment the slot is healing, not empty, and must not read as a missing replica.
/// </summary>
internal static class SwarmSlots
{
    /// <summary>Per slot the task Swarm wants to run (running, or ready while its restart delay lasts), the live one first.</summary>
    public static IReadOnlyList<SwarmTaskFacts> Current(IReadOnlyList<SwarmTaskFacts> tasks) =>
        [.. tasks
            .Where(IsWanted)
            .GroupBy(t => t.Slot)
            .Select(slot => slot.FirstOrDefault(t => !t.HasEnded) ?? slot.OrderByDescending(t => t.Since).First())
            .OrderBy(t => t.Slot)];

    /// <summary>True when <paramref name="task"/> is on its way to running in a slot whose earlier task ended (crashed, killed, its node lost).</summary>
    public static bool IsReplacing(SwarmTaskFacts task, IReadOnlyList<SwarmTaskFacts> tasks) =>
        !task.IsRunning && !task.HasEnded && IsWanted(task)
        && tasks.Any(o => o.Slot == task.Slot && o.Id != task.Id && o.HasEnded && o.State != "rejected");

    private static bool IsWanted(SwarmTaskFacts task) => task.DesiredState is "running" or "ready";
}
