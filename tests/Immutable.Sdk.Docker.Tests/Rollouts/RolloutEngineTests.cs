using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Sdk.Docker.Tests.Rollouts;

/// <summary>
/// <see cref="RolloutEngine"/> over the fake <see cref="InMemoryRuntime"/>: ordering, health gates, canary
/// weights, rollback at every failure point, recovery of a half-switched table. The same behaviour is tested
/// end to end against real Docker in tests/Immutable.Provider.Tests/Rollouts.
/// </summary>
public sealed class RolloutEngineTests
{
    private readonly InMemoryRuntime _runtime = new();
    private readonly List<string> _log = [];

    private RolloutEngine Engine => new(_runtime, _log.Add);

    private async Task<GenerationResult> ServingAsync(string image = "v1")
    {
        var result = await Engine.DeployAsync(Specs.Of(image), CancellationToken.None);
        _runtime.Calls.Clear();
        return result;
    }

    private int IndexOf(string call) => _runtime.Calls.FindIndex(c => c.StartsWith(call, StringComparison.Ordinal));

    [Fact]
    public async Task The_first_generation_gets_an_endpoint_starts_passes_its_gate_and_then_takes_all_traffic()
    {
        var result = await Engine.DeployAsync(Specs.Of("v1"), CancellationToken.None);

        Assert.Equal(1, result.Generation);
        Assert.Equal(["api-g1-0", "api-g1-1"], result.Instances);
        Assert.Equal("v1", result.ImageId);
        Assert.Equal(["observe", "endpoint", "start g1", "started g1", "probe g1-0", "probe g1-1", "route g1=100"], _runtime.Calls.Take(7));
        Assert.Equal(1, _runtime.Routes.Stable);
        Assert.Equal(["api-g1-0:8080", "api-g1-1:8080"], _runtime.Routes.Routes.Single().Backends);
        Assert.Empty(_runtime.Violations);
    }

    [Fact]
    public async Task Blue_green_switches_once_after_every_instance_is_healthy_and_retiring_drains_first()
    {
        var first = await ServingAsync();
        var second = await Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None);
        await Engine.RetireAsync("api", first.Generation, TimeSpan.FromSeconds(5), 8080, CancellationToken.None);

        Assert.Equal(2, second.Generation);
        Assert.Single(_runtime.Calls, c => c.StartsWith("route ", StringComparison.Ordinal));
        Assert.True(IndexOf("probe g2-1") < IndexOf("route g2=100"));
        Assert.Equal([2L], _runtime.Generations.Keys);
        Assert.Equal("g2=100", InMemoryRuntime.Describe(_runtime.Routes));
        Assert.True(_runtime.EndpointExists);
        Assert.Empty(_runtime.Violations);
    }

    [Fact]
    public async Task The_gate_waits_for_a_slow_instance_and_does_not_route_before_it_answers()
    {
        await ServingAsync();
        var probes = 0;
        _runtime.Probe = i => i.Name == "api-g2-1" && ++probes < 5 ? new ProbeResult("connection refused") : ProbeResult.Healthy;

        await Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None);

        Assert.Equal(5, _runtime.Calls.Count(c => c == "probe g2-1"));
        Assert.Equal(1, _runtime.Calls.Count(c => c == "probe g2-0"));
        Assert.True(_runtime.Calls.FindLastIndex(c => c == "probe g2-1") < IndexOf("route g2=100"));
    }

    [Fact]
    public async Task A_generation_that_never_becomes_healthy_is_rolled_back_with_its_last_output()
    {
        await ServingAsync();
        _runtime.Probe = i => i.ImageId == "broken" ? new ProbeResult("GET /healthz answered 404") : ProbeResult.Healthy;

        var spec = Specs.Of("broken") with { Deadline = TimeSpan.FromMilliseconds(30) };
        var error = await Assert.ThrowsAsync<RolloutException>(() => Engine.DeployAsync(spec, CancellationToken.None));

        Assert.Equal(RolloutField.HealthCheck, error.Field);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("last words of api-g2-0", error.Message, StringComparison.Ordinal);
        Assert.Equal([1L], _runtime.Generations.Keys);
        Assert.Equal("g1=100", InMemoryRuntime.Describe(_runtime.Routes));
        Assert.DoesNotContain(_runtime.Calls, c => c.StartsWith("route g2", StringComparison.Ordinal));
        Assert.Empty(_runtime.Violations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_generation_started_with_fewer_instances_than_replicas_fails_the_gate_and_is_rolled_back(int started)
    {
        await ServingAsync();
        _runtime.StartOnly = started;

        var error = await Assert.ThrowsAsync<RolloutException>(() => Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None));

        Assert.Contains($"started {started} of 2 instance(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_runtime.Calls, c => c.StartsWith("route g2", StringComparison.Ordinal));
        Assert.Equal([1L], _runtime.Generations.Keys);
        Assert.Equal("g1=100", InMemoryRuntime.Describe(_runtime.Routes));
    }

    [Fact]
    public async Task A_fatal_probe_fails_the_gate_at_once_instead_of_waiting_for_the_deadline()
    {
        await ServingAsync();
        _runtime.Probe = i => i.ImageId == "crashing" ? new ProbeResult("container exited (exit code 1)", Fatal: true) : ProbeResult.Healthy;

        // The deadline is an hour: only the fatal result can end this test.
        var error = await Assert.ThrowsAsync<RolloutException>(() => Engine.DeployAsync(Specs.Of("crashing"), CancellationToken.None));

        Assert.Contains("did not become healthy", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _runtime.Calls.Count(c => c == "probe g2-0"));
        Assert.Equal([1L], _runtime.Generations.Keys);
    }

    [Fact]
    public async Task Canary_walks_its_weights_with_the_old_generation_stable_and_skips_a_final_100_step()
    {
        await ServingAsync();
        await Engine.DeployAsync(Specs.Of("v2", Specs.Canary(25, 60, 100)), CancellationToken.None);

        var routes = _runtime.Calls.Where(c => c.StartsWith("route ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["route g1=75 g2=25", "route g1=40 g2=60", "route g2=100"], routes);
        Assert.True(IndexOf("probe g2-1") < IndexOf("route g1=75"), "the gate passes before any traffic");
        Assert.True(_runtime.Calls.FindIndex(IndexOf("route g1=40"), c => c == "probe g2-0") > 0, "the last step is analysed too");
        Assert.Empty(_runtime.Violations);
    }

    [Fact]
    public async Task The_first_canary_has_nothing_to_share_traffic_with_and_goes_straight_to_100()
    {
        await Engine.DeployAsync(Specs.Of("v1", Specs.Canary(10, 50)), CancellationToken.None);
        Assert.Equal(["route g1=100"], _runtime.Calls.Where(c => c.StartsWith("route ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Canary_analysis_counts_consecutive_failures_only()
    {
        await ServingAsync();
        var answers = new Queue<bool>([true, true, false, true, false, true, true, true, true, true]);
        _runtime.Probe = i => i.Name != "api-g2-0" || answers.Count == 0 || answers.Dequeue() ? ProbeResult.Healthy : new ProbeResult("timeout");
        var spec = Specs.Of("v2", new RolloutStrategy(StrategyKind.Canary, [new CanaryStep(50, TimeSpan.FromMilliseconds(30))]));

        await Engine.DeployAsync(spec, CancellationToken.None);

        Assert.Equal("g2=100", InMemoryRuntime.Describe(_runtime.Routes));
    }

    [Fact]
    public async Task A_canary_failing_its_analysis_routes_back_before_its_instances_go()
    {
        await ServingAsync();
        // Two consecutive failures (retries = 2) within the 50 % step's pause abort it.
        var spec = Specs.Of("v2", new RolloutStrategy(StrategyKind.Canary, [new CanaryStep(20, TimeSpan.Zero), new CanaryStep(50, TimeSpan.FromSeconds(30))]));
        _runtime.Probe = i => i.ImageId == "v2" && _runtime.Routes.RoutesTo(2) && _runtime.Routes.Routes.Any(r => r.Weight == 50)
            ? new ProbeResult("GET /healthz answered 500")
            : ProbeResult.Healthy;

        var error = await Assert.ThrowsAsync<RolloutException>(() => Engine.DeployAsync(spec, CancellationToken.None));

        Assert.Contains("failed the canary analysis", error.Message, StringComparison.Ordinal);
        Assert.True(IndexOf("route g1=100") < IndexOf("remove g2"));
        Assert.Equal([1L], _runtime.Generations.Keys);
        Assert.Equal("g1=100", InMemoryRuntime.Describe(_runtime.Routes));
        Assert.Empty(_runtime.Violations);
    }

    [Theory]
    [InlineData("endpoint")]
    [InlineData("start g2")]
    [InlineData("started g2")]
    [InlineData("probe g2-1")]
    [InlineData("route g1=70 g2=30")]
    [InlineData("drain after route g1=70 g2=30")]
    [InlineData("route g1=40 g2=60")]
    [InlineData("route g2=100")]
    [InlineData("drain after route g2=100")]
    public async Task A_failure_at_any_point_before_the_switch_completes_rolls_back_to_the_old_generation(string point)
    {
        await ServingAsync();
        _runtime.FailAt = point;

        await Assert.ThrowsAsync<RolloutException>(() => Engine.DeployAsync(Specs.Of("v2", Specs.Canary(30, 60)), CancellationToken.None));

        Assert.Equal([1L], _runtime.Generations.Keys);
        Assert.Equal("g1=100", InMemoryRuntime.Describe(_runtime.Routes));
        Assert.Equal(1, _runtime.Routes.Stable);
        Assert.True(_runtime.EndpointExists);
        Assert.Empty(_runtime.Violations);
        Assert.Contains(_log, l => l.Contains("rolling back", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("endpoint")]
    [InlineData("start g1")]
    [InlineData("probe g1-0")]
    [InlineData("route g1=100")]
    public async Task A_failed_first_rollout_leaves_nothing_behind(string point)
    {
        _runtime.FailAt = point;
        await Assert.ThrowsAsync<RolloutException>(() => Engine.DeployAsync(Specs.Of("v1"), CancellationToken.None));

        Assert.Empty(_runtime.Generations);
        Assert.False(_runtime.EndpointExists);
    }

    [Fact]
    public async Task A_cancelled_apply_still_rolls_back()
    {
        await ServingAsync();
        using var cancel = new CancellationTokenSource();
        _runtime.Probe = _ =>
        {
            cancel.Cancel();
            return new ProbeResult("starting");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.DeployAsync(Specs.Of("v2"), cancel.Token));

        Assert.Equal([1L], _runtime.Generations.Keys);
        Assert.Equal("g1=100", InMemoryRuntime.Describe(_runtime.Routes));
    }

    [Fact]
    public async Task A_half_switched_table_is_routed_back_to_the_stable_generation_before_the_candidate_is_swept()
    {
        await ServingAsync();
        _runtime.KillAt = "drain after route g1=70 g2=30";
        await Assert.ThrowsAsync<ProcessKilledException>(() => Engine.DeployAsync(Specs.Of("v2", Specs.Canary(30)), CancellationToken.None));
        Assert.Equal("g1=70 g2=30", InMemoryRuntime.Describe(_runtime.Routes));
        _runtime.Restart();
        _runtime.Calls.Clear();

        var third = await Engine.DeployAsync(Specs.Of("v2"), CancellationToken.None);

        Assert.Equal(3, third.Generation);
        Assert.Equal("route g1=100", _runtime.Calls.First(c => c.StartsWith("route ", StringComparison.Ordinal)));
        Assert.True(IndexOf("drain after route g1=100") < IndexOf("remove g2"));
        Assert.True(IndexOf("remove g2") < IndexOf("start g3"));
        Assert.Equal("g3=100", InMemoryRuntime.Describe(_runtime.Routes));
        Assert.Empty(_runtime.Violations);
    }

    [Fact]
    public async Task Recreate_empties_the_routes_and_removes_the_old_generation_before_starting_the_new_one()
    {
        await ServingAsync();
        await Engine.DeployAsync(Specs.Of("v2", Specs.Recreate), CancellationToken.None);

        Assert.True(IndexOf("route none") < IndexOf("remove g1"));
        Assert.True(IndexOf("remove g1") < IndexOf("start g2"));
        Assert.Equal([2L], _runtime.Generations.Keys);
        Assert.Empty(_runtime.Violations);
    }

    [Fact]
    public async Task Retiring_the_last_generation_removes_the_endpoint_too()
    {
        var only = await ServingAsync();
        await Engine.RetireAsync("api", only.Generation, TimeSpan.FromSeconds(5), 8080, CancellationToken.None);

        Assert.Empty(_runtime.Generations);
        Assert.False(_runtime.EndpointExists);
    }
}
