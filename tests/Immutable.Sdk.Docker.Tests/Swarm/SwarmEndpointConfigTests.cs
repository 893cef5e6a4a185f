using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>The Swarm endpoint's HAProxy configurations: what they say, and that HAProxy itself accepts them (<c>haproxy -c</c> in the proxy image).</summary>
public sealed class SwarmEndpointConfigTests
{
    private static readonly HealthCheckSpec Health = new("/healthz", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), 2);

    [Fact]
    public void A_canary_router_weights_each_generations_dns_name_by_its_share_split_across_its_replicas()
    {
        var table = new RouteTable
        {
            Stable = 2,
            Routes = [new Route(2, 75, ["tasks.api-g2:8080", "tasks.api-g2:8080"]), new Route(3, 25, ["tasks.api-g3:8080", "tasks.api-g3:8080"])],
        };

        var config = SwarmEndpointConfig.RenderRouter(table, Health, TimeSpan.FromSeconds(30));

        Assert.Contains("bind :8000", config, StringComparison.Ordinal);
        Assert.Contains("server-template lane0- 1-16 tasks.api-g2:8080 weight 75", config, StringComparison.Ordinal);
        Assert.Contains("server-template lane1- 1-16 tasks.api-g3:8080 weight 25", config, StringComparison.Ordinal);
        Assert.Contains("option httpchk GET /healthz", config, StringComparison.Ordinal);
        Assert.Contains("hard-stop-after 30s", config, StringComparison.Ordinal);
        AssertValid(config);
    }

    [Fact]
    public void A_router_has_a_slot_for_every_replica_of_a_large_generation_and_one_without_routes_is_valid()
    {
        var large = SwarmEndpointConfig.RenderRouter(RouteTable.Only(5, [.. Enumerable.Repeat("api-g5:8080", 40)]), Health, TimeSpan.FromSeconds(5));
        Assert.Contains("server-template lane0- 1-40 api-g5:8080 weight 5", large, StringComparison.Ordinal);
        AssertValid(large);

        var empty = SwarmEndpointConfig.RenderRouter(RouteTable.Empty, Health with { HttpPath = null }, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("server-template", empty, StringComparison.Ordinal);
        AssertValid(empty);
    }

    [Fact]
    public void The_front_names_only_the_routers_so_it_never_changes_and_probes_only_for_the_token()
    {
        var config = SwarmEndpointConfig.RenderFront("api-routers", 8080, "t0k3n", TimeSpan.FromSeconds(5));

        Assert.Contains("bind :8080", config, StringComparison.Ordinal);
        Assert.Contains("server-template router- 1-4 api-routers:8000", config, StringComparison.Ordinal);
        Assert.Contains("http-request return status 404 if probe !{ req.hdr(X-Immutable-Probe) -m str t0k3n }", config, StringComparison.Ordinal);
        Assert.DoesNotContain("tasks.", config, StringComparison.Ordinal);
        AssertValid(config);
    }

    /// <summary>HAProxy checks the file with no network at all: names that do not resolve yet must not stop it.</summary>
    private static void AssertValid(string config)
    {
        var directory = Directory.CreateTempSubdirectory("swarm-haproxy-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, HaproxyConfig.FileName), config);
            var (code, output) = SwarmHost.Run("docker", "run", "--rm", "--network", "none", "-v", $"{directory}:{HaproxyConfig.Directory}:ro",
                SwarmHost.ProxyImage, "haproxy", "-c", "-f", SwarmEndpointConfig.Path);
            Assert.True(code == 0, output + "\n" + config);
            Assert.Contains("Configuration file is valid", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
