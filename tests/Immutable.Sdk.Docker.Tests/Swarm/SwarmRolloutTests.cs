using System.Diagnostics;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;
using Xunit.Abstractions;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>
/// <see cref="RolloutEngine"/> over <see cref="SwarmRuntime"/> on the real single-node Swarm, under load:
/// what this sandbox can forward (dnsrr backends, a host-mode published port) is what these tests use.
/// Figures go to the test output; assertions are about behaviour only.
/// </summary>
public sealed class SwarmRolloutTests(ITestOutputHelper output)
{
    private const string Service = "imm-swarm-rollout";
    private const int HostPort = 18320;
    private static readonly Uri Endpoint = new($"http://127.0.0.1:{HostPort}/");

    [Fact]
    public async Task Blue_green_canary_failed_gate_killed_task_and_retire_on_a_real_swarm()
    {
        SwarmHost.Require();
        SwarmHost.Purge(Service);
        SwarmHost.Purge("immutable-" + Service);
        var v1 = SwarmHost.PushApp("rollout-v1", "v1");
        var v2 = SwarmHost.PushApp("rollout-v2", "v2");
        var v3 = SwarmHost.PushApp("rollout-v3", "v3");
        var broken = SwarmHost.PushApp("rollout-broken", "broken", healthy: false);
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var rollouts = new RolloutEngine(
            new SwarmRuntime(engine, new SwarmSettings { PublishMode = SwarmPublishMode.Host, BackendMode = SwarmEndpointMode.Dnsrr }, probe, "127.0.0.1", new RegistryClient(probe), output.WriteLine),
            output.WriteLine);
        try
        {
            var first = await rollouts.DeployAsync(Spec(v1), CancellationToken.None);
            Assert.Equal(1, first.Generation);
            Assert.Equal("v1", await GetAsync());

            await using var load = new LoadLoop(Endpoint);

            // Blue-green: g2 takes all traffic at once, then g1 is retired (create_before_destroy).
            await Task.Delay(1000);
            load.Reset();
            var second = await rollouts.DeployAsync(Spec(v2), CancellationToken.None);
            var healthyToRemoved = Stopwatch.StartNew();
            await rollouts.RetireAsync(Service, first.Generation, TimeSpan.FromSeconds(5), 8080, CancellationToken.None);
            output.WriteLine($"FIGURE blue-green: {load.Describe()}; old generation removed {healthyToRemoved.Elapsed.TotalSeconds:F1}s after the switch (cutover {second.Cutover.TotalSeconds:F1}s)");
            Assert.Equal(0, load.Failed);
            Assert.True(load.Answers.ContainsKey("v2"), load.Describe());
            Assert.Null(await engine.InspectServiceAsync($"{Service}-g1", CancellationToken.None));

            // Canary: g3 takes 50% for a pause, during which both generations answer, then all of it.
            load.Reset();
            var canary = Spec(v3) with { Strategy = new RolloutStrategy(StrategyKind.Canary, [new CanaryStep(50, TimeSpan.FromSeconds(4))]) };
            var deploy = rollouts.DeployAsync(canary, CancellationToken.None);
            var mixed = await WaitForBothAsync(load, "v2", "v3", deploy);
            var third = await deploy;
            await rollouts.RetireAsync(Service, second.Generation, TimeSpan.FromSeconds(5), 8080, CancellationToken.None);
            output.WriteLine($"FIGURE canary: {load.Describe()}");
            Assert.True(mixed, "both generations should answer during the canary step: " + load.Describe());
            Assert.Equal(0, load.Failed);
            Assert.Equal("v3", await GetAsync());

            // A failing health gate: rolled back, g3 keeps serving, nothing of g4 is left.
            load.Reset();
            var failure = await Assert.ThrowsAsync<RolloutException>(() => rollouts.DeployAsync(Spec(broken) with { Deadline = TimeSpan.FromSeconds(20) }, CancellationToken.None));
            output.WriteLine($"failed gate: {failure.Message}");
            Assert.Equal(RolloutField.HealthCheck, failure.Field);
            Assert.Contains("answered 404", failure.Message, StringComparison.Ordinal);
            Assert.Null(await engine.InspectServiceAsync($"{Service}-g4", CancellationToken.None));
            Assert.Equal(0, load.Failed);
            Assert.Equal("v3", await GetAsync());

            // A task killed mid-traffic: Swarm replaces it; the routers retry another task meanwhile.
            load.Reset();
            var victim = CiDocker.Run("docker", "ps", "-q", "--filter", $"label=com.docker.swarm.service.name={Service}-g3").Output.Split('\n')[0];
            var killed = Stopwatch.StartNew();
            Assert.Equal(0, CiDocker.Run("docker", "kill", victim).Code);
            var recovered = await WaitForRunningAsync(engine, $"{Service}-g3", 2);
            output.WriteLine($"FIGURE killed task: replaced and running after {killed.Elapsed.TotalSeconds:F1}s; {load.Describe()}");
            Assert.True(recovered, "Swarm should replace the killed task");

            // Requests not yet answered are retried on the other task; a response the killed task had
            // already begun cannot be (the router has passed it on): at most one per client in flight.
            Assert.True(load.Failed <= 4, load.Describe());

            var snapshot = await new SwarmRuntime(engine, new SwarmSettings { BackendMode = SwarmEndpointMode.Dnsrr }, probe, "127.0.0.1", new RegistryClient(probe), output.WriteLine).ObserveAsync(Service, CancellationToken.None);
            Assert.Equal([third.Generation], snapshot.Generations.Keys);
            Assert.Equal(third.Generation, snapshot.Routes.Stable);
            Assert.True(snapshot.Endpoint.Running);
        }
        finally
        {
            try
            {
                await rollouts.RetireAsync(Service, 3, TimeSpan.Zero, 8080, CancellationToken.None);
            }
            finally
            {
                SwarmHost.Purge(Service);
                SwarmHost.Purge("immutable-" + Service);
            }
        }

        Assert.Empty(CiDocker.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={Service}").Output);
        // The node drops its copy of the overlay network once the last task has detached.
        var clock = Stopwatch.StartNew();
        while (CiDocker.Run("docker", "network", "inspect", $"immutable-{Service}").Code == 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        Assert.NotEqual(0, CiDocker.Run("docker", "network", "inspect", $"immutable-{Service}").Code);
    }

    private static RolloutSpec Spec(string image) => new()
    {
        Service = Service,
        Image = image,
        Replicas = 2,
        Port = 8080,
        Endpoint = new EndpointSpec("0.0.0.0", HostPort, SwarmHost.ProxyImage),
        Health = new HealthCheckSpec("/healthz", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), 3),
        DrainTimeout = TimeSpan.FromSeconds(5),
        Deadline = TimeSpan.FromSeconds(90),
    };

    private static async Task<string> GetAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        return (await http.GetStringAsync(Endpoint)).Trim();
    }

    private static async Task<bool> WaitForBothAsync(LoadLoop load, string a, string b, Task deploy)
    {
        while (!deploy.IsCompleted)
        {
            if (load.Answers.ContainsKey(a) && load.Answers.ContainsKey(b) && !deploy.IsCompleted)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> WaitForRunningAsync(DockerEngine engine, string service, int replicas)
    {
        var clock = Stopwatch.StartNew();
        var id = (await engine.InspectServiceAsync(service, CancellationToken.None))!.Id;
        await Task.Delay(500);
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var tasks = await engine.ListTasksAsync(id, CancellationToken.None);
            if (tasks.Count(t => t.IsRunning) == replicas && tasks.Any(t => t.State == "failed"))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
