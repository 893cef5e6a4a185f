using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>The endpoint configuration the provider renders for HAProxy, checked by HAProxy itself (<c>haproxy -c</c> in the proxy image).</summary>
public sealed class HaproxyConfigTests
{
    private static readonly HealthCheckSpec HttpCheck = new("/healthz", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3);
    private static readonly HealthCheckSpec TcpCheck = new(null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3);

    public static TheoryData<string, RouteTable, bool> Tables() => new()
    {
        { "no generation yet", RouteTable.Empty, true },
        { "blue-green by container name", RouteTable.Only(3, ["svc-g3-0:8080", "svc-g3-1:8080"]), true },
        { "blue-green with a TCP check", RouteTable.Only(3, ["svc-g3-0:8080"]), false },
        {
            "canary 20/80 across 3 and 2 containers",
            new RouteTable
            {
                Stable = 3,
                Routes = [new Route(3, 80, ["svc-g3-0:8080", "svc-g3-1:8080", "svc-g3-2:8080"]), new Route(4, 20, ["svc-g4-0:8080", "svc-g4-1:8080"])],
            },
            true
        },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Haproxy_accepts_the_rendered_configuration(string name, RouteTable table, bool http)
    {
        RolloutHost.Require();
        var directory = Directory.CreateTempSubdirectory("haproxy-config").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, HaproxyConfig.FileName), HaproxyConfig.Render(table, 8080, TimeSpan.FromSeconds(30), http ? HttpCheck : TcpCheck));

            // No network at all: names that do not resolve must not stop the endpoint from starting.
            var (code, output) = DockerHost.Run("docker", "run", "--rm", "--network", "none", "-v", $"{directory}:{HaproxyConfig.Directory}:ro",
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
        var text = HaproxyConfig.Render(new RouteTable
        {
            Stable = 1,
            Routes = [new Route(1, 80, ["a-g1-0:80", "a-g1-1:80", "a-g1-2:80"]), new Route(2, 20, ["a-g2-0:80"]), new Route(3, 0, ["a-g3-0:80"])],
        }, 80, TimeSpan.FromSeconds(5), HttpCheck);
        Assert.Contains("server g1-0 a-g1-0:80 weight 53 # generation 1", text, StringComparison.Ordinal);
        Assert.Contains("server g2-0 a-g2-0:80 weight 40 # generation 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a-g3-0", text, StringComparison.Ordinal);
        Assert.Contains("hard-stop-after 5s", text, StringComparison.Ordinal);
        Assert.Contains("option httpchk GET /healthz", text, StringComparison.Ordinal);
        Assert.DoesNotContain("return status 503", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_generation_the_endpoint_answers_503()
    {
        var text = HaproxyConfig.Render(RouteTable.Empty, 80, TimeSpan.FromSeconds(5), TcpCheck);
        Assert.Contains("http-request return status 503", text, StringComparison.Ordinal);
        Assert.DoesNotContain("backend generations", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_idempotent_requests_are_retried_after_they_reached_a_backend()
    {
        var text = HaproxyConfig.Render(RouteTable.Only(1, ["a-g1-0:80"]), 80, TimeSpan.FromSeconds(5), TcpCheck);
        Assert.Contains("retry-on conn-failure empty-response response-timeout 502 503 504", text, StringComparison.Ordinal);
        Assert.Contains("http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS", text, StringComparison.Ordinal);
        Assert.Contains("option idle-close-on-response", text, StringComparison.Ordinal);
    }
}
