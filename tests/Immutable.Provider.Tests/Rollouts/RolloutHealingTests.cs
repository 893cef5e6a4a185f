using System.Globalization;
using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// A deployed generation keeps serving after the apply (issue 12): the engine restarts a crashed
/// replica from the same image (restart policy <c>unless-stopped</c>), and that is not drift.
/// Published provider binary, real engine, clients on the endpoint throughout.
/// </summary>
public sealed class RolloutHealingTests : IAsyncLifetime
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
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(RolloutHost.ProxyImage) }));
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
        var victim = $"{_service}-g1-1";
        Assert.Equal("unless-stopped", CiDocker.Run("docker", "inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", victim).Output);

        // The nginx endpoint pins container addresses, which a daemon restart may shuffle: it stays stopped
        // then (reported as drift) rather than route to stale addresses, until the HAProxy endpoint routes by name.
        Assert.Equal("no", CiDocker.Run("docker", "inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", $"{_service}-endpoint").Output);

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
            Assert.Empty(load.Failures);
            Assert.True(load.Answers.Count > 0);
        }

        var refreshed = (await _session.RefreshAsync(Type, state))!;
        Assert.Equal("serving", refreshed.Value.GetAttribute("status").AsString());
        Assert.Equal(PlanAction.NoOp, (await _session.PlanAsync(Type, refreshed, config)).Action);
    }
}
