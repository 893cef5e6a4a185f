using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Sdk.Docker.Tests.Rollouts;

/// <summary>
/// Issue 11 §1 over the fake <see cref="InMemoryRuntime"/>: wherever the provider (or Terraform core) dies
/// during a create_before_destroy replacement of generation 1 by one running v2, refresh tells the truth
/// about what serves, and the next plan/apply converges to exactly one generation — the one state and
/// config call for — routed alone, with every other generation removed only after it drained.
/// </summary>
public sealed class KillPointTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);
    private readonly InMemoryRuntime _runtime = new();

    private RolloutEngine Engine => new(_runtime, _ => { });

    public static TheoryData<string, int, string, string?> KillPoints => new()
    {
        // where, which occurrence, strategy, what refresh then says about generation 1 (null: serving)
        { "start g2", 1, "blue_green", null },
        { "started g2", 1, "blue_green", "drifted: generation 2 (2 container(s)), left by an interrupted apply, runs beside it" },
        { "probe g2-1", 1, "blue_green", "drifted: generation 2 (2 container(s)), left by an interrupted apply, runs beside it" },
        { "drain after route g1=70 g2=30", 1, "canary", "drifted: an interrupted rollout left generation 2 with 30% of the traffic" },
        { "probe g2-0", 2, "canary", "drifted: an interrupted rollout left generation 2 with 30% of the traffic" },
        { "route g2=100", 1, "blue_green", "drifted: generation 2 (2 container(s)), left by an interrupted apply, runs beside it" },
        { "drain after route g2=100", 1, "blue_green", "drifted: the endpoint serves generation 2, which an interrupted apply switched to before Terraform recorded it; a new generation replaces both" },
        { "drain after route g2=100", 1, "canary", "drifted: the endpoint serves generation 2, which an interrupted apply switched to before Terraform recorded it; a new generation replaces both" },
        { "observe", 2, "blue_green", "drifted: the endpoint serves generation 2, which an interrupted apply switched to before Terraform recorded it; a new generation replaces both" },
        { "removed g1-0", 1, "blue_green", "drifted: 1 of 2 containers exist (missing api-g1-0)" },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task After_a_kill_refresh_tells_the_truth_and_the_next_apply_converges_to_one_drained_generation(string point, int occurrence, string strategy, string? truth)
    {
        var recorded = await CreateAsync("v1");
        _runtime.KillAt = point;
        _runtime.KillOccurrence = occurrence;
        await KilledDuringAsync(() => Engine.DeployAsync(Specs.Of("v2", Strategy(strategy)), CancellationToken.None));

        // A new provider process; state still records generation 1 (the Create never answered).
        _runtime.Restart();
        var refreshed = await Engine.InspectAsync(recorded, CancellationToken.None);
        Assert.NotNull(refreshed);
        Assert.Equal(truth, refreshed.Drift);

        var converged = await ReplaceAsync(recorded, refreshed, "v2");
        await AssertOnlyGenerationAsync(converged, "v2");
    }

    [Fact]
    public async Task Terraform_core_killed_after_the_provider_answered_finds_its_generation_gone_and_converges()
    {
        var recorded = await CreateAsync("v1");
        await Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None);

        // Core died before writing the new state: it still records generation 1, which the switch retired.
        var refreshed = await Engine.InspectAsync(recorded, CancellationToken.None);
        Assert.Null(refreshed);

        var converged = await CreateAsync("v2");
        Assert.Equal(3, converged.Generation);
        await AssertOnlyGenerationAsync(converged, "v2");
    }

    [Fact]
    public async Task A_leftover_is_drift_even_when_the_configuration_went_back_to_the_recorded_one()
    {
        var recorded = await CreateAsync("v1");
        _runtime.KillAt = "probe g2-0";
        _runtime.KillOccurrence = 2;
        await KilledDuringAsync(() => Engine.DeployAsync(Specs.Of("v2", Specs.Canary(30)), CancellationToken.None));
        _runtime.Restart();

        // The user reverts the configuration to v1: only the drift plans the replacement that removes the canary.
        var refreshed = await Engine.InspectAsync(recorded, CancellationToken.None);
        Assert.StartsWith("drifted: an interrupted rollout", refreshed!.Drift, StringComparison.Ordinal);
        var converged = await ReplaceAsync(recorded, refreshed, "v1");
        await AssertOnlyGenerationAsync(converged, "v1");
    }

    [Fact]
    public async Task A_second_kill_during_the_converging_apply_still_converges_on_the_third_try()
    {
        var recorded = await CreateAsync("v1");
        _runtime.KillAt = "drain after route g2=100";
        await KilledDuringAsync(() => Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None));
        _runtime.Restart();
        _runtime.KillAt = "removed g2-0";
        await KilledDuringAsync(() => Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None));
        Assert.Equal(3, _runtime.Routes.Stable);
        _runtime.Restart();

        // The second run had already swept generation 1: refresh finds it gone, and the plan creates.
        Assert.Null(await Engine.InspectAsync(recorded, CancellationToken.None));
        var converged = await CreateAsync("v2");
        await AssertOnlyGenerationAsync(converged, "v2");
    }

    [Fact]
    public async Task A_drained_endpoint_or_a_stopped_instance_is_drift_with_the_reason()
    {
        var recorded = await CreateAsync("v1");
        _runtime.Tamper(1, g => g with { Instances = [g.Instances[0] with { Running = false, Status = "exited" }, g.Instances[1]] });
        Assert.Equal("drifted: api-g1-0 is exited", (await Engine.InspectAsync(recorded, CancellationToken.None))!.Drift);

        _runtime.Tamper(1, g => g with { Instances = [.. g.Instances.Select(i => i with { Running = true, Status = "running" })] });
        Assert.Null((await Engine.InspectAsync(recorded, CancellationToken.None))!.Drift);
        await _runtime.RemoveEndpointAsync("api", CancellationToken.None);
        Assert.Equal("drifted: the endpoint api-endpoint is missing or stopped", (await Engine.InspectAsync(recorded, CancellationToken.None))!.Drift);
    }

    /// <summary>
    /// Runs a deploy until the fake kills the process. Whatever the dead process would still have done or
    /// answered never reaches anyone (a log-and-continue path may swallow the fake's exception; SIGKILL would not).
    /// </summary>
    private async Task KilledDuringAsync(Func<Task> deploy)
    {
        try
        {
            await deploy();
        }
        catch (ProcessKilledException)
        {
        }

        Assert.True(_runtime.Dead, "the kill point was reached");
    }

    private static RolloutStrategy Strategy(string name) => name == "canary" ? Specs.Canary(30, 60) : RolloutStrategy.BlueGreen;

    private async Task<GenerationRecord> CreateAsync(string image) =>
        Specs.Record(await Engine.DeployAsync(Specs.Of(image), CancellationToken.None), image);

    /// <summary>Terraform's create_before_destroy replacement: Create the new generation, then Delete the recorded one if refresh still found it.</summary>
    private async Task<GenerationRecord> ReplaceAsync(GenerationRecord recorded, GenerationReport? refreshed, string image)
    {
        var created = await Engine.DeployAsync(Specs.Of(image), CancellationToken.None);
        if (refreshed is not null)
        {
            await Engine.RetireAsync("api", recorded.Generation, Drain, 8080, CancellationToken.None);
        }

        return Specs.Record(created, image);
    }

    private async Task AssertOnlyGenerationAsync(GenerationRecord converged, string image)
    {
        Assert.Equal([converged.Generation], _runtime.Generations.Keys);
        Assert.Equal(converged.Generation, _runtime.Routes.Stable);
        Assert.Equal($"g{converged.Generation}=100", InMemoryRuntime.Describe(_runtime.Routes));
        Assert.All(_runtime.Generations[converged.Generation].Instances, i => Assert.Equal(image, i.ImageId));
        Assert.True(_runtime.EndpointExists);
        Assert.Empty(_runtime.Violations);
        Assert.Null((await Engine.InspectAsync(converged, CancellationToken.None))!.Drift);
    }
}
