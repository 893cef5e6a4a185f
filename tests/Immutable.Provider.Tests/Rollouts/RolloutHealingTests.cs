using System.Globalization;
using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Testing;
using Xunit.Abstractions;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// A deployed generation keeps serving after the apply (issue 12): the engine restarts a crashed replica
/// from the same image (restart policy <c>unless-stopped</c>), which is not drift; the HAProxy endpoint stops
/// sending requests to a hung replica and takes it back. Published provider binary, real engine, clients on
/// the endpoint throughout. Daemon restarts and remote engines: <see cref="PrivateEngineTests"/>.
/// </summary>
public sealed class RolloutHealingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Type = "immutable_rollout";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-healing").FullName;
    private readonly string _service = "h" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _port = RolloutHost.FreePort();
    private TerraformSession _session = null!;
    private string _v1 = null!;

    public async Task InitializeAsync()
    {
        RolloutHost.Require();
        _v1 = RolloutHost.BuildApp(_root, "v1");
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage) }));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        RolloutHost.Purge(_service);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_crashed_replica_is_restarted_by_the_engine_under_load_and_the_next_plan_is_a_no_op()
    {
        var config = new RolloutConfig { Name = _service, Image = _v1, HostPort = _port, Replicas = 3 }.Build(_session);
        var state = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, config)))!;
        Assert.Equal(0L, state.Value.GetAttribute("restarts").AsInt64());
        var victim = $"{_service}-g1-1";
        Assert.Equal("unless-stopped", CiDocker.Run("docker", "inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", victim).Output);
        Assert.Equal("unless-stopped", CiDocker.Run("docker", "inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", $"{_service}-endpoint").Output);

        // Only the endpoint is published on the host: probes and routing go through the service network.
        Assert.Equal(string.Empty, CiDocker.Run("docker", "port", victim).Output);

        await using (var load = new LoadLoop(new Uri($"http://127.0.0.1:{_port}/")))
        {
            await Task.Delay(500);

            // A crash, not an operator's stop: `docker kill` counts as a manual stop and is not restarted by
            // any restart policy, so the container's main process is killed from the host instead.
            var pid = int.Parse(CiDocker.Run("docker", "inspect", "-f", "{{.State.Pid}}", victim).Output, CultureInfo.InvariantCulture);
            Assert.Equal(0, CiDocker.Run("kill", "-9", pid.ToString(CultureInfo.InvariantCulture)).Code);
            for (var attempt = 0; CiDocker.Run("docker", "inspect", "-f", "{{.RestartCount}} {{.State.Running}}", victim).Output != "1 true"; attempt++)
            {
                Assert.True(attempt < 300, $"{victim} was not restarted within a minute");
                await Task.Delay(200);
            }

            await Task.Delay(1000);
            await load.StopAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FIGURE replica-crash: {load.Failures.Count} failed GETs of {load.Answers.Count + load.Failures.Count} ({load.RequestsPerSecond:F0} req/s), of which {load.TruncatedAnswers.Count} cut off mid-answer"));

            // Every request the dead replica had not begun to answer is retried on another one. An answer it was
            // writing when it died (busybox httpd writes the headers, then the body) was already on its way to the
            // client: no proxy can retry that, and at most one such request per client was in flight.
            Assert.Equal(load.TruncatedAnswers.Count, load.Failures.Count);
            Assert.InRange(load.TruncatedAnswers.Count, 0, LoadLoop.DefaultWorkers);
            Assert.True(load.Answers.Count > 0);
        }

        var refreshed = (await _session.RefreshAsync(Type, state))!;
        Assert.Equal("serving", refreshed.Value.GetAttribute("status").AsString());
        Assert.Equal(1L, refreshed.Value.GetAttribute("restarts").AsInt64());

        // The grown count is a computed value Read refreshed: the plan keeps it and changes nothing.
        var plan = await _session.PlanAsync(Type, refreshed, config);
        Assert.Equal(PlanAction.NoOp, plan.Action);
        Assert.Equal(1L, plan.Planned!.GetAttribute("restarts").AsInt64());
    }

    [Fact]
    public async Task A_paused_replica_stops_getting_traffic_and_takes_it_again_once_unpaused()
    {
        var config = new RolloutConfig { Name = _service, Image = _v1, HostPort = _port, Replicas = 3 }.Build(_session);
        var state = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, config)))!;
        var victim = $"{_service}-g1-2";
        var host = CiDocker.Run("docker", "inspect", "-f", "{{.Config.Hostname}}", victim).Output;

        await using var load = new LoadLoop(new Uri($"http://127.0.0.1:{_port}/host"), workers: 4);
        await WaitForAsync(() => load.Count(host) > 0, "the victim answers before it is paused");
        Assert.Equal(0, CiDocker.Run("docker", "pause", victim).Code);
        var paused = load.Elapsed;
        try
        {
            // Out within a bounded time: no answer from it (none can come while it is frozen) and others keep answering.
            await WaitForAsync(() => load.Answers.Count(a => a.At > (paused + TimeSpan.FromSeconds(1)).TotalMilliseconds) > 50, "the other replicas keep answering while one is paused");
            var before = load.Answers.Count;
            await Task.Delay(3000);
            Assert.True(load.Answers.Count - before > 20, $"only {load.Answers.Count - before} answers in 3 s while one replica of three was paused");
        }
        finally
        {
            Assert.Equal(0, CiDocker.Run("docker", "unpause", victim).Code);
        }

        var unpaused = load.Elapsed;
        await WaitForAsync(() => load.Answers.Any(a => a.Body == host && a.At > unpaused.TotalMilliseconds), "the unpaused replica takes traffic again");
        var back = load.Answers.Where(a => a.Body == host && a.At > unpaused.TotalMilliseconds).Min(a => a.At) - unpaused.TotalMilliseconds;
        await load.StopAsync();

        // Requests already inside the replica when it froze wait for it; what that costs is a figure, not an assertion.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FIGURE replica-pause: {load.Failures.Count} failed GETs of {load.Answers.Count + load.Failures.Count}; paused replica answered again {back / 1000:F1} s after unpause"));
        var refreshed = (await _session.RefreshAsync(Type, state))!;
        Assert.Equal("serving", refreshed.Value.GetAttribute("status").AsString());
        Assert.Equal(PlanAction.NoOp, (await _session.PlanAsync(Type, refreshed, config)).Action);
    }

    [Fact]
    public async Task Raw_keep_alive_clients_and_posts_in_flight_lose_nothing_during_a_blue_green_switch()
    {
        var v2 = RolloutHost.BuildApp(_root, "v2");
        var first = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, new RolloutConfig { Name = _service, Image = _v1, HostPort = _port, Replicas = 2 }.Build(_session))))!;
        var plan = await _session.PlanAsync(Type, first, new RolloutConfig { Name = _service, Image = v2, HostPort = _port, Replicas = 2 }.Build(_session), createBeforeDestroy: true);

        await using var gets = new RawKeepAliveLoop(new Uri($"http://127.0.0.1:{_port}/"), workers: 8);
        await using var posts = new RawKeepAliveLoop(new Uri($"http://127.0.0.1:{_port}/cgi-bin/post"), workers: 4, method: "POST");
        await WaitForAsync(() => posts.Answers.Count > 4 && gets.Answers.Count > 20, "both loops get answers before the switch");
        await _session.ApplyAsync(plan);
        await WaitForAsync(() => posts.Answers.Count(a => a.Body == "v2") > 4 && gets.Answers.Count(a => a.Body == "v2") > 20, "both loops get answers from v2");
        await gets.StopAsync();
        await posts.StopAsync();

        output.WriteLine($"FIGURE switch-raw-get: {gets.Failures.Count} failed of {gets.Answers.Count + gets.Failures.Count} (graceful closes {gets.GracefulCloses})");
        output.WriteLine($"FIGURE switch-post: {posts.Failures.Count} failed of {posts.Answers.Count + posts.Failures.Count}");
        Assert.True(gets.Failures.IsEmpty, string.Join("\n", gets.Failures.Select(f => $"{f.At} ms: {f.What}")));
        Assert.True(posts.Failures.IsEmpty, string.Join("\n", posts.Failures.Select(f => $"{f.At} ms: {f.What}")));
        Assert.True(gets.Answers.Any(a => a.Body == "v1") && posts.Answers.Any(a => a.Body == "v1"));
    }

    /// <summary>Polls a condition with a generous deadline (the machine may be loaded); fails with <paramref name="what"/>.</summary>
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var attempt = 0; !condition(); attempt++)
        {
            Assert.True(attempt < 600, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
