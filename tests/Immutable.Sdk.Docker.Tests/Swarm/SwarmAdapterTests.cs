using System.Diagnostics;
using System.Text;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>The adapter's Swarm operations against the real single-node Swarm (no fakes).</summary>
public sealed class SwarmAdapterTests
{
    private const string Prefix = "imm-swarm-adapter-";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_engine_is_a_manager_and_lists_its_nodes()
    {
        SwarmHost.Require();
        using var engine = DockerEngine.Connect(SwarmHost.Socket);

        var state = await engine.SwarmStateAsync(CancellationToken.None);
        var nodes = await engine.ListNodesAsync(CancellationToken.None);

        Assert.True(state.IsManager);
        Assert.Equal("active", state.LocalNodeState);
        var self = Assert.Single(nodes, n => n.Id == state.NodeId);
        Assert.Equal("manager", self.Role);
        Assert.Equal("ready", self.State);
        Assert.Equal("linux", self.Os);
    }

    [Fact]
    public async Task A_dnsrr_service_on_an_overlay_network_serves_a_mounted_config_by_task_dns_and_a_host_mode_port()
    {
        SwarmHost.Require();
        SwarmHost.Purge(Prefix);
        var image = SwarmHost.PushApp("adapter", "adapter app");
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        var network = Prefix + "net";
        var labels = new Dictionary<string, string> { ["org.immutable-infra.test"] = Prefix + Guid.NewGuid().ToString("N") };
        const int hostPort = 18310;
        try
        {
            await engine.EnsureOverlayNetworkAsync(network, labels, CancellationToken.None);
            await engine.EnsureOverlayNetworkAsync(network, labels, CancellationToken.None); // idempotent
            Assert.Equal("overlay true", CiDocker.Run("docker", "network", "inspect", "--format", "{{.Driver}} {{.Attachable}}", network).Output);

            var configId = await engine.CreateConfigAsync(Prefix + "conf-1", labels, Encoding.UTF8.GetBytes("routes v1"), CancellationToken.None);
            var config = Assert.Single(await engine.ListConfigsAsync(labels, CancellationToken.None));
            Assert.Equal((configId, Prefix + "conf-1", "routes v1"), (config.Id, config.Name, Encoding.UTF8.GetString(config.Data)));
            await Assert.ThrowsAsync<DockerEngineException>(() => engine.CreateConfigAsync(Prefix + "conf-1", labels, [1], CancellationToken.None));

            var id = await engine.CreateServiceAsync(new SwarmServiceSpec
            {
                Name = Prefix + "app",
                Image = image,
                Replicas = 2,
                Labels = labels,
                Networks = [(network, [Prefix + "alias"])],
                EndpointMode = SwarmEndpointMode.Dnsrr,
                Ports = [new SwarmPublishedPort(8080, hostPort, SwarmPublishMode.Host)],
                Configs = [new SwarmConfigMount(configId, Prefix + "conf-1", "/www/routes.txt")],
                MaxReplicasPerNode = 0,
            }, CancellationToken.None);

            // Host mode lets only one task hold the port on the one node: the second stays pending, which Swarm reports.
            var tasks = await WaitForAsync(engine, id, t => t.Count(x => x.IsRunning) == 1 && t.Any(x => x.State == "pending"));
            var running = tasks.Single(t => t.IsRunning);
            Assert.True(running.Addresses.ContainsKey(network), string.Join(", ", running.Addresses.Keys));
            Assert.Contains("host-mode port already in use", tasks.Single(t => t.State == "pending").Error + tasks.Single(t => t.State == "pending").Message, StringComparison.OrdinalIgnoreCase);

            var facts = await engine.InspectServiceAsync(Prefix + "app", CancellationToken.None);
            Assert.NotNull(facts);
            Assert.Equal((id, 2, SwarmEndpointMode.Dnsrr, false, image), (facts.Id, facts.Replicas, facts.EndpointMode, facts.Updated, facts.Image));
            Assert.Equal([Prefix + "conf-1"], facts.ConfigNames);
            Assert.Equal(id, Assert.Single(await engine.ListServicesAsync(labels, CancellationToken.None)).Id);

            // From inside the overlay network: tasks.NAME and the alias resolve to the task; the config is mounted.
            Assert.Equal("routes v1", SwarmHost.RunOnNetwork(network, image, "wget", "-qO-", $"http://tasks.{Prefix}app:8080/routes.txt").Output);
            Assert.Equal("adapter app", SwarmHost.RunOnNetwork(network, image, "wget", "-qO-", $"http://{Prefix}alias:8080/").Output);

            // From outside: the host-mode published port.
            using var http = new HttpClient();
            Assert.Equal("adapter app", await http.GetStringAsync(new Uri($"http://127.0.0.1:{hostPort}/")));

            Assert.False(await engine.RemoveConfigAsync(configId, CancellationToken.None)); // still mounted
            await engine.RemoveServiceAsync(id, CancellationToken.None);
            await engine.RemoveServiceAsync(id, CancellationToken.None); // absent: no error
            Assert.Null(await engine.InspectServiceAsync(id, CancellationToken.None));
            Assert.True(await engine.RemoveConfigAsync(configId, CancellationToken.None));
            Assert.Empty(await engine.ListConfigsAsync(labels, CancellationToken.None));
        }
        finally
        {
            SwarmHost.Purge(Prefix);
        }
    }

    [Fact]
    public async Task A_task_that_exits_is_reported_failed_with_swarms_error_and_replaced()
    {
        SwarmHost.Require();
        var image = SwarmHost.PushApp("adapter", "adapter app");
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        var name = Prefix + "failing";
        CiDocker.Run("docker", "service", "rm", name);
        try
        {
            var id = await engine.CreateServiceAsync(new SwarmServiceSpec
            {
                Name = name,
                Image = image,
                Replicas = 1,
                Command = ["/bin/busybox", "sh", "-c", "exit 3"],
                RestartDelay = TimeSpan.FromMilliseconds(200),
            }, CancellationToken.None);

            var tasks = await WaitForAsync(engine, id, t => t.Count(x => x.State == "failed") >= 2);
            var failed = tasks.First(t => t.State == "failed");
            Assert.Equal(3, failed.ExitCode);
            Assert.Contains("non-zero exit (3)", failed.Error, StringComparison.Ordinal);
            Assert.All(tasks, t => Assert.Equal(1, t.Slot)); // replacements take the same slot
        }
        finally
        {
            CiDocker.Run("docker", "service", "rm", name);
        }
    }

    [Fact]
    public async Task Absent_services_read_as_null()
    {
        SwarmHost.Require();
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        Assert.Null(await engine.InspectServiceAsync(Prefix + "never-created", CancellationToken.None));
        await engine.RemoveServiceAsync(Prefix + "never-created", CancellationToken.None);
    }

    private static async Task<IReadOnlyList<SwarmTaskFacts>> WaitForAsync(DockerEngine engine, string serviceId, Func<IReadOnlyList<SwarmTaskFacts>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await engine.ListTasksAsync(serviceId, CancellationToken.None);
            if (done(tasks))
            {
                return tasks;
            }

            Assert.True(clock.Elapsed < Patience, "tasks never reached the expected state: " + string.Join("; ", tasks.Select(t => $"{t.Slot}:{t.State}/{t.DesiredState} {t.Error} {t.Message}")));
            await Task.Delay(200);
        }
    }
}
