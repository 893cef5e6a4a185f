using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Rollouts.Swarm;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>
/// Fast unit tests of how task lists read as replica slots, from task facts shaped as the API reports them during a
/// restart (SwarmRolloutResourceTests kill real tasks; this covers the instant between the kill and the successor's start).
/// </summary>
public sealed class SwarmSlotsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_successor_waiting_out_the_restart_delay_holds_its_slot_and_is_replacing()
    {
        var tasks = new[]
        {
            Task("a1", slot: 1, state: "running", desired: "running", seconds: 0),
            Task("b1", slot: 2, state: "failed", desired: "shutdown", seconds: 0),
            Task("b2", slot: 2, state: "new", desired: "ready", seconds: 5),
        };

        var current = SwarmSlots.Current(tasks);

        Assert.Equal(["a1", "b2"], current.Select(t => t.Id));
        Assert.True(SwarmSlots.IsReplacing(current[1], tasks));
        Assert.False(SwarmSlots.IsReplacing(current[0], tasks));
    }

    [Fact]
    public void A_slot_whose_task_ended_without_a_successor_is_empty()
    {
        var tasks = new[]
        {
            Task("a1", slot: 1, state: "running", desired: "running", seconds: 0),
            Task("b1", slot: 2, state: "shutdown", desired: "shutdown", seconds: 0),
        };

        Assert.Equal(["a1"], SwarmSlots.Current(tasks).Select(t => t.Id));
    }

    [Fact]
    public void A_failed_task_not_yet_told_to_shut_down_yields_its_slot_to_the_live_successor()
    {
        var tasks = new[]
        {
            Task("b1", slot: 2, state: "failed", desired: "running", seconds: 0),
            Task("b2", slot: 2, state: "starting", desired: "running", seconds: 5),
        };

        var only = Assert.Single(SwarmSlots.Current(tasks));
        Assert.Equal("b2", only.Id);
        Assert.True(SwarmSlots.IsReplacing(only, tasks));
    }

    [Fact]
    public void A_first_task_still_starting_is_not_replacing_anything()
    {
        var tasks = new[] { Task("a1", slot: 1, state: "preparing", desired: "running", seconds: 0) };

        Assert.False(SwarmSlots.IsReplacing(Assert.Single(SwarmSlots.Current(tasks)), tasks));
    }

    private static SwarmTaskFacts Task(string id, int slot, string state, string desired, int seconds) => new()
    {
        Id = id,
        ServiceId = "svc",
        Slot = slot,
        State = state,
        DesiredState = desired,
        Since = Start.AddSeconds(seconds),
    };
}
