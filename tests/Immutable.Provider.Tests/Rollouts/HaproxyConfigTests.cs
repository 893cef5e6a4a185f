using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>The endpoint configuration the provider renders for HAProxy, checked by HAProxy itself (<c>haproxy -c</c> in the proxy image).</summary>
public sealed class HaproxyConfigTests
{
    private static readonly HealthCheckSpec HttpCheck = new("/healthz", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3);
    private static readonly HealthCheckSpec TcpCheck = new(null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3);

    private static readonly string[] Lanes = ["svc-lane0:8080", "svc-lane1:8080"];

    private static HaproxyEndpoint Endpoint(HealthCheckSpec health) => new(8080, TimeSpan.FromSeconds(30), health, Lanes);

    public static TheoryData<string, RouteTable, bool> Tables() => new()
    {
        { "no generation yet", RouteTable.Empty, true },
        { "blue-green on a lane", RouteTable.Only(3, ["svc-lane1:8080", "svc-lane1:8080"]), true },
        { "blue-green with a TCP check", RouteTable.Only(3, ["svc-lane0:8080"]), false },
        {
            "canary 20/80 across 3 and 2 containers",
            new RouteTable
            {
                Stable = 3,
                Routes = [new Route(3, 80, ["svc-lane0:8080", "svc-lane0:8080", "svc-lane0:8080"]), new Route(4, 20, ["svc-lane1:8080", "svc-lane1:8080"])],
            },
            true
        },
        { "addresses stored by an older version", RouteTable.Only(2, ["172.18.0.2:8080", "172.18.0.3:8080"]), true },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Haproxy_accepts_the_rendered_configuration(string name, RouteTable table, bool http)
    {
        RolloutHost.Require();
        var directory = Directory.CreateTempSubdirectory("haproxy-config").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, HaproxyConfig.FileName), HaproxyConfig.Render(table, Endpoint(http ? HttpCheck : TcpCheck)));

            // No network at all: names that do not resolve must not stop the endpoint from starting.
            var (code, output) = CiDocker.Run("docker", "run", "--rm", "--network", "none", "-v", $"{directory}:{HaproxyConfig.Directory}:ro",
                RolloutHost.HaproxyImage, "haproxy", "-c", "-f", $"{HaproxyConfig.Directory}/{HaproxyConfig.FileName}");
            Assert.True(code == 0, $"{name}: {output}");
            Assert.Contains("Configuration file is valid", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_generations_share_is_split_evenly_across_its_containers()
    {
        var table = new RouteTable
        {
            Stable = 1,
            Routes = [new Route(1, 80, ["svc-lane0:8080", "svc-lane0:8080", "svc-lane0:8080"]), new Route(2, 20, ["svc-lane1:8080"])],
        };
        var text = HaproxyConfig.Render(table, Endpoint(HttpCheck) with { Drain = TimeSpan.FromSeconds(5) });
        Assert.Contains("server-template lane0- 1-16 svc-lane0:8080 weight 53", text, StringComparison.Ordinal);
        Assert.Contains("server-template lane1- 1-16 svc-lane1:8080 weight 40", text, StringComparison.Ordinal);
        Assert.Contains("hard-stop-after 5s", text, StringComparison.Ordinal);
        Assert.Contains("option httpchk GET /healthz", text, StringComparison.Ordinal);
        Assert.True(HaproxyConfig.SwitchesAtRunTime(table, Endpoint(HttpCheck)));
    }

    [Fact]
    public void A_switch_is_a_weight_per_lane_slot_through_the_runtime_api_gaining_lanes_first()
    {
        // Lane 0 loses its traffic to lane 1: lane 1 is raised before lane 0 drops, or a request arriving between the
        // commands would find every weight at zero (HAProxy's 503 "no server is available", seen under load in CI).
        var commands = HaproxyConfig.WeightCommands(RouteTable.Only(4, ["svc-lane1:8080", "svc-lane1:8080"]), Endpoint(TcpCheck) with { Slots = 2 });
        Assert.Equal("set weight generations/lane1-1 100; set weight generations/lane1-2 100; set weight generations/lane0-1 0; set weight generations/lane0-2 0", commands);

        var back = HaproxyConfig.WeightCommands(RouteTable.Only(5, ["svc-lane0:8080"]), Endpoint(TcpCheck) with { Slots = 1 });
        Assert.Equal("set weight generations/lane0-1 200; set weight generations/lane1-1 0", back);
    }

    [Fact]
    public void An_unrouted_endpoint_gives_every_lane_weight_zero()
    {
        var text = HaproxyConfig.Render(RouteTable.Empty, Endpoint(TcpCheck));
        Assert.Contains("server-template lane0- 1-16 svc-lane0:8080 weight 0", text, StringComparison.Ordinal);
        Assert.Contains("server-template lane1- 1-16 svc-lane1:8080 weight 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_that_are_not_lanes_become_plain_servers_and_need_a_reload()
    {
        var table = RouteTable.Only(2, ["172.18.0.2:8080"]);
        var text = HaproxyConfig.Render(table, Endpoint(TcpCheck));
        Assert.Contains("server at-172-18-0-2-8080 172.18.0.2:8080 init-addr libc,none weight 200 # generation 2", text, StringComparison.Ordinal);
        Assert.False(HaproxyConfig.SwitchesAtRunTime(table, Endpoint(TcpCheck)));
    }

    [Fact]
    public void Only_idempotent_requests_are_retried_after_they_reached_a_backend()
    {
        var text = HaproxyConfig.Render(RouteTable.Only(1, ["svc-lane0:8080"]), Endpoint(TcpCheck));
        Assert.Contains("retry-on conn-failure empty-response junk-response response-timeout 502 503 504", text, StringComparison.Ordinal);
        Assert.Contains("http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS", text, StringComparison.Ordinal);
        Assert.Contains("option idle-close-on-response", text, StringComparison.Ordinal);
    }
}
