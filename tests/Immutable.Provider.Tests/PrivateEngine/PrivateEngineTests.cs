using System.Diagnostics;
using System.Globalization;
using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Provider.Tests.Rollouts;
using Immutable.Sdk.Testing;
using Xunit.Abstractions;

namespace Immutable.Provider.Tests.PrivateEngine;

/// <summary>
/// The provider against an engine it reaches only through <c>tcp://10.218.0.2:18250</c> (a private dockerd the
/// fixture owns): health probes run inside the engine, so a blue-green rollout works as on the local socket;
/// and when that engine stops (every container with it, as at a reboot) and starts again, the generation and
/// its endpoint come back and serve without Terraform, and the next plan is a no-op.
/// </summary>
public sealed class PrivateEngineTests(PrivateDockerd engine, ITestOutputHelper output) : IClassFixture<PrivateDockerd>, IAsyncLifetime
{
    private const string Type = "immutable_rollout";
    private const int EndpointPort = 18251;
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-private-engine").FullName;
    private readonly string _service = "p" + Guid.NewGuid().ToString("N")[..10];
    private TerraformSession _session = null!;

    private Uri Endpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://{PrivateDockerd.Address}:{EndpointPort}/"));

    public async Task InitializeAsync()
    {
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["DOCKER_CONTEXT"] = null, ["TF_LOG_PROVIDER"] = "INFO" },
        });
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue>
        {
            ["host"] = CtyValue.String(engine.TcpHost),
            ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage),
        }));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        CiDocker.Run("sh", "-c", $"docker -H {engine.Socket} rm -f $(docker -H {engine.Socket} ps -aq --filter label=org.immutable-infra.service={_service}) 2>/dev/null; docker -H {engine.Socket} network rm immutable-{_service}");
        Directory.Delete(_root, recursive: true);
    }

    private CtyValue Config(string image, int replicas = 2) =>
        new RolloutConfig { Name = _service, Image = image, HostPort = EndpointPort, HostIp = PrivateDockerd.Address, Replicas = replicas }.Build(_session);

    [Fact]
    public async Task A_remote_engine_passes_a_blue_green_rollout_with_health_probes()
    {
        var v1 = engine.BuildApp(_root, "v1");
        var v2 = engine.BuildApp(_root, "v2");
        var first = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, Config(v1))))!;
        Assert.Equal("serving", first.Value.GetAttribute("status").AsString());

        // Nothing but the endpoint is published on the engine's host: the probes ran inside the engine.
        Assert.Equal(string.Empty, engine.Docker("port", $"{_service}-g1-0"));

        var plan = await _session.PlanAsync(Type, first, Config(v2), createBeforeDestroy: true);
        StoredState second;
        await using (var load = new LoadLoop(Endpoint, workers: 4))
        {
            await Task.Delay(500);
            second = (await _session.ApplyAsync(plan))!;
            await Task.Delay(500);
            await load.StopAsync();
            Assert.Empty(load.Failures);
            Assert.True(load.Count("v1") > 0 && load.Count("v2") > 0, $"v1 {load.Count("v1")}, v2 {load.Count("v2")}");
        }

        // A generation that fails its probe behind the remote engine is rolled back with the probe's answer.
        var failing = new RolloutConfig { Name = _service, Image = v2, HostPort = EndpointPort, HostIp = PrivateDockerd.Address, Replicas = 2, HealthPath = "/missing", Deadline = "3s" }.Build(_session);
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(async () => await _session.ApplyAsync(await _session.PlanAsync(Type, second, failing, createBeforeDestroy: true)));
        Assert.Contains("GET /missing", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.Contains("404", error.Errors[0], StringComparison.Ordinal);

        await _session.DestroyAsync(Type, second);
        Assert.Equal(string.Empty, engine.Docker("ps", "-aq", "--filter", $"label=org.immutable-infra.service={_service}"));
    }

    [Fact]
    public async Task After_the_engine_stops_and_starts_again_the_generation_serves_without_terraform_and_the_plan_is_a_no_op()
    {
        var v1 = engine.BuildApp(_root, "v1");
        var config = Config(v1, replicas: 3);
        var state = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, config)))!;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal("v1", (await http.GetStringAsync(Endpoint)).Trim());

        await engine.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync(Endpoint));
        await engine.StartAsync();

        // Polled generously; the figure is measured from times the system reports, not asserted.
        var clock = Stopwatch.StartNew();
        while (!await ServesAsync(http, "v1"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"the endpoint did not serve again within 3 minutes of the engine's start. Engine log:\n{engine.Tail()}");
            await Task.Delay(100);
        }

        var serving = DateTime.UtcNow;
        var endpointStarted = DateTime.Parse(engine.Docker("inspect", "-f", "{{.State.StartedAt}}", $"{_service}-endpoint"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FIGURE daemon-restart: endpoint serves {(serving - engine.StartedAt).TotalSeconds:F1} s after dockerd started (endpoint container started {(endpointStarted - engine.StartedAt).TotalSeconds:F1} s after dockerd)"));

        // Every replica is back behind the endpoint, under its old name (nothing was recreated).
        Assert.Equal("true true true", engine.Docker("inspect", "-f", "{{.State.Running}}", $"{_service}-g1-0", $"{_service}-g1-1", $"{_service}-g1-2").Replace('\n', ' '));
        var refreshed = (await _session.RefreshAsync(Type, state))!;
        Assert.Equal("serving", refreshed.Value.GetAttribute("status").AsString());
        output.WriteLine($"restarts after the engine restart: {refreshed.Value.GetAttribute("restarts").AsInt64()}");
        Assert.Equal(PlanAction.NoOp, (await _session.PlanAsync(Type, refreshed, config)).Action);

        await _session.DestroyAsync(Type, refreshed);
        Assert.Equal(string.Empty, engine.Docker("ps", "-aq", "--filter", $"label=org.immutable-infra.service={_service}"));
    }

    private async Task<bool> ServesAsync(HttpClient http, string body)
    {
        try
        {
            return (await http.GetStringAsync(Endpoint)).Trim() == body;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}
