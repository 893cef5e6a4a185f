using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>Plan-time checks of a Swarm endpoint against the real engine: a plain container (not a service) holding the port is found.</summary>
public sealed class SwarmEndpointCheckTests
{
    private const string Prefix = "imm-swarm-check-";
    private const int HostPort = 18323;

    [Fact]
    public async Task A_proxy_image_without_haproxy_is_an_endpoint_error_with_the_tasks_error_and_nothing_is_left()
    {
        SwarmHost.Require();
        var service = Prefix + "nginx";
        SwarmHost.Purge(service);
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        using var probe = new HttpClient();
        var rollouts = new RolloutEngine(new SwarmRuntime(engine, new SwarmSettings { PublishMode = SwarmPublishMode.Host }, probe, "127.0.0.1", new RegistryClient(probe), _ => { }), _ => { });
        try
        {
            // The endpoint starts before any generation, so the image is never pulled here.
            var failure = await Assert.ThrowsAsync<RolloutException>(() => rollouts.DeployAsync(new RolloutSpec
            {
                Service = service,
                Image = "127.0.0.1:5000/immutable-test/swarm-app@sha256:" + new string('0', 64),
                Port = 8080,
                Endpoint = new EndpointSpec("0.0.0.0", 18324, "immutable-test/proxy:nginx"),
                Health = new HealthCheckSpec("/", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 3),
                Deadline = TimeSpan.FromMinutes(5),
            }, CancellationToken.None));

            Assert.Equal((RolloutField.Endpoint, "Endpoint did not start"), (failure.Field, failure.Summary));
            Assert.Contains("haproxy", failure.Message, StringComparison.Ordinal);
            Assert.Empty(SwarmHost.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={service}").Output);
        }
        finally
        {
            SwarmHost.Purge(service);
            SwarmHost.Purge("immutable-" + service);
        }
    }

    [Fact]
    public async Task A_plain_container_publishing_the_host_port_is_a_problem_on_the_port_before_anything_is_created()
    {
        SwarmHost.Require();
        var network = Prefix + "net";
        var holder = Prefix + "holder";
        SwarmHost.Run("docker", "rm", "-f", holder);
        SwarmHost.Run("docker", "network", "rm", network);
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        using var probe = new HttpClient();
        var runtime = new SwarmRuntime(engine, new SwarmSettings { PublishMode = SwarmPublishMode.Host }, probe, "127.0.0.1", new RegistryClient(probe), _ => { });
        try
        {
            Assert.Empty(await runtime.CheckEndpointAsync(Prefix + "app", HostPort, CancellationToken.None));

            // The default bridge is not usable in this sandbox; a user-defined one publishes ports as well.
            Assert.Equal(0, SwarmHost.Run("docker", "network", "create", network).Code);
            var (code, output) = SwarmHost.Run("docker", "run", "-d", "--name", holder, "--network", network, "-p", $"127.0.0.1:{HostPort}:8000", SwarmHost.ProxyImage);
            Assert.True(code == 0, output);

            var problem = Assert.Single(await runtime.CheckEndpointAsync(Prefix + "app", HostPort, CancellationToken.None));
            Assert.Equal((RolloutField.EndpointPort, "Port already published", false), (problem.Field, problem.Summary, problem.IsWarning));
            Assert.Contains($"\"{holder}\" (not a Swarm service) already publishes port {HostPort}", problem.Detail, StringComparison.Ordinal);
            Assert.Empty(SwarmHost.Run("docker", "service", "ls", "-q", "--filter", $"name={Prefix}").Output);
        }
        finally
        {
            SwarmHost.Run("docker", "rm", "-f", holder);
            SwarmHost.Run("docker", "network", "rm", network);
        }
    }
}
