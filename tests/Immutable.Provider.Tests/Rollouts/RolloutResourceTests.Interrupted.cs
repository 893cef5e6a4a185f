using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// Issue 11 §1 end to end: the provider (or the process playing Terraform core) dies at a point of a
/// create_before_destroy replacement; refresh tells the truth, and the next plan/apply converges to one
/// generation with nothing orphaned and no failed request. Every kill point is unit-tested over the fake
/// runtime in tests/Immutable.Sdk.Docker.Tests/Rollouts/KillPointTests.cs; these are the important ones for real.
/// </summary>
public sealed partial class RolloutResourceTests
{
    [Fact]
    public async Task A_provider_killed_right_after_the_final_switch_converges_with_nothing_orphaned()
    {
        var first = await CreateAsync(Config(_v1));
        var plan = await _session.PlanAsync(Type, first, Config(_v2).Build(_session), createBeforeDestroy: true);

        await using var load = new LoadLoop(Endpoint, workers: 4);
        var apply = _session.ApplyAsync(plan);
        await WaitForAsync(() => load.Count("v2") > 0, "the new generation answered through the endpoint");
        _session.Process.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => apply);

        // Terraform recorded nothing of generation 2: state still names generation 1.
        await _session.DisposeAsync();
        _session = await StartSessionAsync();
        var refreshed = await _session.RefreshAsync(Type, first);
        if (refreshed is not null)
        {
            // Killed before generation 1 was retired: it no longer serves, and refresh says what does.
            Assert.StartsWith("drifted: ", refreshed.Value.GetAttribute("status").AsString(), StringComparison.Ordinal);
        }

        var again = await _session.PlanAsync(Type, refreshed, Config(_v2).Build(_session), createBeforeDestroy: true);
        Assert.Equal(refreshed is null ? PlanAction.Create : PlanAction.CreateThenDelete, again.Action);
        var converged = (await _session.ApplyAsync(again))!;
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Equal(3L, converged.Value.GetAttribute("generation").AsInt64());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g3-0", $"{_service}-g3-1"], RolloutHost.Containers(_service));
        Assert.Equal("serving", (await _session.RefreshAsync(Type, converged))!.Value.GetAttribute("status").AsString());
        Assert.Equal("v2", await GetAsync());
    }

    [Fact]
    public async Task A_provider_killed_during_the_health_gate_leaves_a_leftover_that_refresh_reports_and_the_next_apply_removes()
    {
        var first = await CreateAsync(Config(_v1));
        var slow = RolloutHost.BuildApp(_root, "v2-never-ready", healthy: false);
        var plan = await _session.PlanAsync(Type, first, (Config(slow) with { Deadline = "10m" }).Build(_session), createBeforeDestroy: true);

        await using var load = new LoadLoop(Endpoint, workers: 4);
        var apply = _session.ApplyAsync(plan);
        await WaitForAsync(() => RolloutHost.Containers(_service).Contains($"{_service}-g2-1"), "both containers of generation 2 exist");
        await Task.Delay(500);
        _session.Process.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => apply);

        await _session.DisposeAsync();
        _session = await StartSessionAsync();
        var refreshed = (await _session.RefreshAsync(Type, first))!;
        Assert.Equal("drifted: generation 2 (2 container(s)), left by an interrupted apply, runs beside it", refreshed.Value.GetAttribute("status").AsString());

        // Even with the configuration back at v1, the leftover plans a replacement, which removes it.
        var again = await _session.PlanAsync(Type, refreshed, Config(_v1).Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, again.Action);
        var converged = (await _session.ApplyAsync(again))!;
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Equal(0, load.Count("v2-never-ready"));
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g3-0", $"{_service}-g3-1"], RolloutHost.Containers(_service));
        Assert.Equal("serving", (await _session.RefreshAsync(Type, converged))!.Value.GetAttribute("status").AsString());
    }

    [Fact]
    public async Task Terraform_core_killed_before_it_recorded_a_finished_rollout_converges_on_the_next_apply()
    {
        var first = await CreateAsync(Config(_v1));
        await using var load = new LoadLoop(Endpoint, workers: 4);
        var plan = await _session.PlanAsync(Type, first, Config(_v2).Build(_session), createBeforeDestroy: true);
        _ = await _session.ApplyAsync(plan);

        // Core died before writing the new state: it plans again from generation 1, which the rollout retired.
        Assert.Null(await _session.RefreshAsync(Type, first));
        var again = await _session.PlanAsync(Type, null, Config(_v2).Build(_session));
        var converged = (await _session.ApplyAsync(again))!;
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Equal(3L, converged.Value.GetAttribute("generation").AsInt64());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g3-0", $"{_service}-g3-1"], RolloutHost.Containers(_service));
        Assert.Equal("v2", await GetAsync());
    }

    /// <summary>Waits for a condition with a generous bound (a loaded machine is slow, never wrong).</summary>
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
