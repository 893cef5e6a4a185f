using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>The endpoint configuration the provider renders, checked by nginx itself (<c>nginx -t</c> in the proxy image).</summary>
public sealed class NginxConfigTests
{
    public static TheoryData<string, RouteTable> Tables() => new()
    {
        { "no generation yet", RouteTable.Empty },
        { "blue-green", RouteTable.Only(3, ["172.18.0.2:8080", "172.18.0.3:8080"]) },
        {
            "canary 20/80 across 3 and 2 containers",
            new RouteTable
            {
                Stable = 3,
                Routes = [new Route(3, 80, ["172.18.0.2:8080", "172.18.0.3:8080", "172.18.0.4:8080"]), new Route(4, 20, ["172.18.0.5:8080", "172.18.0.6:8080"])],
            }
        },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Nginx_accepts_the_rendered_configuration(string name, RouteTable table)
    {
        RolloutHost.Require();
        var directory = Directory.CreateTempSubdirectory("nginx-config").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, NginxConfig.FileName), NginxConfig.Render(table, 8080, TimeSpan.FromSeconds(30)));
            var (code, output) = CiDocker.Run("docker", "run", "--rm", "--network", "none", "-v", $"{directory}:{NginxConfig.Directory}:ro",
                RolloutHost.ProxyImage, "nginx", "-t", "-c", $"{NginxConfig.Directory}/{NginxConfig.FileName}");
            Assert.True(code == 0, $"{name}: {output}");
            Assert.Contains("syntax is ok", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_generations_share_is_split_evenly_across_its_containers()
    {
        var text = NginxConfig.Render(new RouteTable
        {
            Stable = 1,
            Routes = [new Route(1, 80, ["10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"]), new Route(2, 20, ["10.0.0.4:80"])],
        }, 80, TimeSpan.FromSeconds(5));
        Assert.Contains("server 10.0.0.1:80 weight=320 max_fails=0; # generation 1", text, StringComparison.Ordinal);
        Assert.Contains("server 10.0.0.4:80 weight=240 max_fails=0; # generation 2", text, StringComparison.Ordinal);
        Assert.Contains("worker_shutdown_timeout 5s;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("return 503", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_route_table_survives_its_stored_form()
    {
        var table = new RouteTable { Stable = 7, Routes = [new Route(7, 100, ["10.1.2.3:8080"])] };
        var read = RouteTable.FromJson(table.ToJson())!;
        Assert.Equal(7, read.Stable);
        Assert.Equal(table.Routes[0].Backends, read.Routes.Single().Backends);
        Assert.Null(RouteTable.FromJson("{ not json"u8.ToArray()));
    }
}
