using System.Diagnostics;
using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// <c>immutable_rollout</c> with <c>runtime = "swarm"</c> end to end: the published provider binary driven as
/// Terraform core drives it, against the real single-node Swarm .ci/services.sh makes of the CI engine.
/// Images are pushed to the loopback registry (a swarm runs what its nodes can pull).
/// </summary>
public sealed class SwarmRolloutResourceTests : IAsyncLifetime
{
    private const string Type = "immutable_rollout";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-swarm-rollout").FullName;
    private readonly string _service = "s" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _port = 18330 + Random.Shared.Next(0, 60);
    private TerraformSession _session = null!;
    private string _v1 = null!;
    private string _v2 = null!;

    private Uri Endpoint => new($"http://127.0.0.1:{_port}/");

    public async Task InitializeAsync()
    {
        RolloutHost.Require();
        var (code, output) = DockerHost.Run("docker", "info", "--format", "{{.Swarm.ControlAvailable}}");
        if (code != 0 || output != "true")
        {
            throw new InvalidOperationException("The Swarm tests need the engine to be a Swarm manager (bash .ci/services.sh, or `docker swarm init --advertise-addr 127.0.0.1`).");
        }

        _v1 = Push(RolloutHost.BuildApp(_root, "sv1"), "sv1");
        _v2 = Push(RolloutHost.BuildApp(_root, "sv2"), "sv2");
        _session = await StartSessionAsync();
    }

    private static async Task<TerraformSession> StartSessionAsync()
    {
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(RolloutHost.ProxyImage) }));
        return session;
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        foreach (var kind in new[] { "service", "config" })
        {
            foreach (var id in DockerHost.Run("docker", kind, "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                DockerHost.Run("docker", kind, "rm", id);
            }
        }

        DockerHost.Run("docker", "network", "rm", $"immutable-{_service}");
        Directory.Delete(_root, recursive: true);
    }

    private RolloutConfig Config(string image) => new() { Name = _service, Image = image, HostPort = _port, Swarm = true, Deadline = "90s" };

    [Fact]
    public async Task Blue_green_on_swarm_under_load_then_drift_import_and_destroy()
    {
        var plan = await _session.PlanAsync(Type, null, Config(_v1).Build(_session));
        var first = (await _session.ApplyAsync(plan))!;
        Assert.Equal("serving", first.Value.GetAttribute("status").AsString());
        Assert.Equal([$"{_service}-g1.1", $"{_service}-g1.2"], first.Value.GetAttribute("containers").Elements.Select(e => e.AsString()));
        Assert.Equal("sv1", await GetAsync());

        var replace = await _session.PlanAsync(Type, await _session.RefreshAsync(Type, first), Config(_v2).Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, replace.Action);
        StoredState second;
        await using (var load = new LoadLoop(Endpoint, workers: 4))
        {
            await Task.Delay(500);
            second = (await _session.ApplyAsync(replace))!;
            var removal = Stopwatch.StartNew();
            await _session.DestroyAsync(Type, first);
            await load.StopAsync();
            Console.WriteLine($"FIGURE provider blue-green on swarm: {load.Answers.Count + load.Failures.Count} requests, {load.RequestsPerSecond:F0}/s, failed {load.Failures.Count}; old generation removed {removal.Elapsed.TotalSeconds:F1}s after the switch");
            Assert.Empty(load.Failures);
            Assert.True(load.Count("sv1") > 0 && load.Count("sv2") > 0, $"sv1 {load.Count("sv1")}, sv2 {load.Count("sv2")}");
        }

        Assert.Equal(2L, second.Value.GetAttribute("generation").AsInt64());
        Assert.Equal("sv2", await GetAsync());
        Assert.NotEqual(0, DockerHost.Run("docker", "service", "inspect", $"{_service}-g1").Code);

        // Import by service name finds the Swarm generation and its configuration.
        var state = await _session.ImportAsync(Type, _service);
        Assert.Equal("swarm", state.Value.GetAttribute("runtime").AsString());
        Assert.Equal(2L, state.Value.GetAttribute("generation").AsInt64());
        Assert.Equal("serving", state.Value.GetAttribute("status").AsString());

        // Drift: a generation service scaled behind Terraform's back is replaced, with the reason.
        Assert.Equal(0, DockerHost.Run("docker", "service", "scale", "-d", $"{_service}-g2=1").Code);
        var refreshed = (await _session.RefreshAsync(Type, second))!;
        Assert.StartsWith("drifted: ", refreshed.Value.GetAttribute("status").AsString(), StringComparison.Ordinal);
        var drift = await _session.PlanAsync(Type, refreshed, Config(_v2).Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, drift.Action);

        await _session.DestroyAsync(Type, refreshed);
        Assert.Empty(DockerHost.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output);
    }

    [Fact]
    public async Task Swarm_bad_input_is_a_diagnostic_on_the_attribute_before_anything_is_created()
    {
        var localId = DockerHost.Run("docker", "image", "inspect", "--format", "{{.Id}}", "immutable-test/app:sv1").Output;
        var local = await _session.ValidateAsync(Type, Config(localId).Build(_session));
        Assert.Contains(local, d => d.IsError && d.Summary == "Image is not pullable by the swarm" && Equals(d.Attribute, CtyPath.Root.GetAttr("image")));

        var typo = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, (Config(_v1) with { Constraints = ["node.colour==blue"] }).Build(_session)));
        Assert.Contains(typo.Errors, e => e.Contains("Placement cannot be satisfied", StringComparison.Ordinal) && e.Contains("node.colour", StringComparison.Ordinal) && e.Contains("(at placement)", StringComparison.Ordinal));

        var nowhere = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, (Config(_v1) with { Constraints = ["node.role==worker"] }).Build(_session)));
        Assert.Contains(nowhere.Errors, e => e.Contains("no active node satisfies node.role==worker", StringComparison.Ordinal) && e.Contains("(at placement)", StringComparison.Ordinal));

        Assert.Empty(DockerHost.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output);
    }

    [Fact]
    public async Task A_provider_killed_mid_canary_on_swarm_leaves_the_old_generation_serving_and_the_next_apply_converges()
    {
        var first = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, Config(_v1).Build(_session))))!;
        var slow = Config(_v2) with { Strategy = "canary", Steps = [(30, "120s")] };
        var plan = await _session.PlanAsync(Type, first, slow.Build(_session), createBeforeDestroy: true);

        await using var load = new LoadLoop(Endpoint, workers: 4);
        var apply = _session.ApplyAsync(plan);
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (load.Count("sv2") < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(load.Count("sv2") >= 20, "the canary step was reached");
        _session.Process.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => apply);
        Assert.Equal(0, DockerHost.Run("docker", "service", "inspect", $"{_service}-g2").Code);

        // Terraform kept the old object; a new provider process routes back, sweeps g2 and rolls out g3.
        await _session.DisposeAsync();
        _session = await StartSessionAsync();
        var refreshed = (await _session.RefreshAsync(Type, first))!;
        var again = await _session.PlanAsync(Type, refreshed, Config(_v2).Build(_session), createBeforeDestroy: true);
        var converged = (await _session.ApplyAsync(again))!;
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Equal(3L, converged.Value.GetAttribute("generation").AsInt64());
        Assert.NotEqual(0, DockerHost.Run("docker", "service", "inspect", $"{_service}-g2").Code);
        Assert.Equal("sv2", await GetAsync());
        await _session.DestroyAsync(Type, refreshed);
        Assert.Equal("sv2", await GetAsync());
        await _session.DestroyAsync(Type, converged);
    }

    private static string Push(string imageId, string tag)
    {
        var reference = $"127.0.0.1:5000/immutable-test/swarm-provider:{tag}";
        Assert.Equal(0, DockerHost.Run("docker", "tag", imageId, reference).Code);
        var (code, output) = DockerHost.Run("docker", "push", "-q", reference);
        Assert.True(code == 0, output);
        return DockerHost.Run("docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{if eq (index (split . \"@\") 0) \"127.0.0.1:5000/immutable-test/swarm-provider\"}}{{.}}{{end}}{{end}}", reference).Output;
    }

    private async Task<string> GetAsync()
    {
        using var http = new HttpClient();
        return (await http.GetStringAsync(Endpoint)).Trim();
    }
}
