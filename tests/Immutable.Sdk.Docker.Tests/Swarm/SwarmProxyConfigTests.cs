using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>The rendered nginx configurations (nginx itself checks them in <see cref="SwarmRolloutTests"/>, where they run).</summary>
public sealed class SwarmProxyConfigTests
{
    [Fact]
    public void A_canary_router_splits_by_weight_across_generation_names_and_the_last_takes_the_rest()
    {
        var table = new RouteTable
        {
            Stable = 2,
            Routes = [new Route(2, 75, ["tasks.api-g2:8080"]), new Route(3, 25, ["tasks.api-g3:8080"])],
        };

        var config = SwarmProxyConfig.RenderRouter(table, "t0k3n", TimeSpan.FromSeconds(30));

        Assert.Contains("75% tasks.api-g2:8080; # generation 2", config, StringComparison.Ordinal);
        Assert.Contains("* tasks.api-g3:8080; # generation 3", config, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://$generation;", config, StringComparison.Ordinal);
        Assert.Contains("resolver 127.0.0.11 valid=1s", config, StringComparison.Ordinal);
        Assert.Contains("worker_shutdown_timeout 30s;", config, StringComparison.Ordinal);
        Assert.Contains("if ($http_x_immutable_probe != \"t0k3n\") { return 404; }", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_router_without_routes_answers_503()
    {
        var config = SwarmProxyConfig.RenderRouter(RouteTable.Empty, "t", TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("split_clients", config, StringComparison.Ordinal);
        Assert.Contains("return 503", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_front_only_names_the_routers_so_it_never_changes()
    {
        var config = SwarmProxyConfig.RenderFront("api-routers", 8080, TimeSpan.FromSeconds(5));
        Assert.Contains("listen 8080", config, StringComparison.Ordinal);
        Assert.Contains("set $routers api-routers;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://$routers:8000;", config, StringComparison.Ordinal);
        Assert.DoesNotContain("tasks.", config, StringComparison.Ordinal);
    }
}
