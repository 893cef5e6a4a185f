using System.Diagnostics;
using System.Globalization;
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
        var (code, output) = CiDocker.Run("docker", "info", "--format", "{{.Swarm.ControlAvailable}}");
        if (code != 0 || output != "true")
        {
            throw new InvalidOperationException("The Swarm tests need the engine to be a Swarm manager (bash .ci/services.sh, or `docker swarm init --advertise-addr 127.0.0.1`).");
        }

        _v1 = Push(RolloutHost.BuildApp(_root, "sv1"), "sv1");
        _v2 = Push(RolloutHost.BuildApp(_root, "sv2"), "sv2");
        _session = await StartSessionAsync();
    }

    /// <summary>A provider session; with <paramref name="registryPassword"/>, credentials for the authenticated registry in registry_auth and no Docker login to fall back on.</summary>
    private async Task<TerraformSession> StartSessionAsync(string? registryPassword = null)
    {
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = registryPassword is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["DOCKER_CONFIG"] = Path.Combine(_root, "no-docker-config") },
        });
        // The Swarm endpoint runs HAProxy (docs/design/endpoint-proxy.md).
        var config = new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage) };
        if (registryPassword is not null)
        {
            var authType = ((CtyListType)session.ProviderSchema.Find("registry_auth")!.Type).ElementType;
            config["registry_auth"] = CtyValue.List(authType, CtyValue.Object(new Dictionary<string, CtyValue>
            {
                ["address"] = CtyValue.String(CiDocker.AuthRegistry),
                ["username"] = CtyValue.String("immutable"),
                ["password"] = CtyValue.String(registryPassword),
            }));
        }

        await session.ConfigureAsync(session.ProviderConfig(config));
        return session;
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        foreach (var kind in new[] { "service", "config" })
        {
            foreach (var id in CiDocker.Run("docker", kind, "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                CiDocker.Run("docker", kind, "rm", id);
            }
        }

        CiDocker.Run("docker", "network", "rm", $"immutable-{_service}");
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
        Assert.NotEqual(0, CiDocker.Run("docker", "service", "inspect", $"{_service}-g1").Code);

        // Import by service name finds the Swarm generation and its configuration.
        var state = await _session.ImportAsync(Type, _service);
        Assert.Equal("swarm", state.Value.GetAttribute("runtime").AsString());
        Assert.Equal(2L, state.Value.GetAttribute("generation").AsInt64());
        Assert.Equal("serving", state.Value.GetAttribute("status").AsString());

        // Drift: a generation service scaled (up) behind Terraform's back is replaced, with the reason.
        Assert.Equal(0, CiDocker.Run("docker", "service", "scale", "-d", $"{_service}-g2=3").Code);
        var refreshed = (await _session.RefreshAsync(Type, second))!;
        Assert.Equal($"drifted: {_service}-g2.1 is scaled to 3 replicas (docker service scale), not the 2 rolled out", refreshed.Value.GetAttribute("status").AsString());
        var drift = await _session.PlanAsync(Type, refreshed, Config(_v2).Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, drift.Action);

        await _session.DestroyAsync(Type, refreshed);
        Assert.Empty(CiDocker.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output);
    }

    [Fact]
    public async Task Phoenix_on_swarm_counts_max_age_from_the_service_creation_the_cluster_reports()
    {
        // No clock is waited for (a loaded machine makes short max_age tests flaky): max_age is long, the times
        // compared are the ones Swarm recorded, and the expired case is the same state with expires_at moved back.
        var config = (Config(_v1) with { MaxAge = "1h" }).Build(_session);
        var state = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, config)))!;
        var startedAt = DateTimeOffset.Parse(state.Value.GetAttribute("started_at").AsString(), CultureInfo.InvariantCulture);
        var expiresAt = DateTimeOffset.Parse(state.Value.GetAttribute("expires_at").AsString(), CultureInfo.InvariantCulture);
        var created = DateTimeOffset.Parse(CiDocker.Run("docker", "service", "inspect", "--format", "{{.CreatedAt.Format \"2006-01-02T15:04:05.999999999Z07:00\"}}", $"{_service}-g1").Output, CultureInfo.InvariantCulture);
        Assert.True((startedAt - created).Duration() < TimeSpan.FromSeconds(1), $"started_at {startedAt:o} is the service's CreatedAt {created:o}");
        Assert.Equal(TimeSpan.FromHours(1), expiresAt - startedAt);
        Assert.Equal(PlanAction.NoOp, (await _session.PlanAsync(Type, await _session.RefreshAsync(Type, state), config)).Action);

        // A task Swarm replaced (killed here) runs the same generation: the age and the plan do not change.
        var task = CiDocker.Run("docker", "ps", "-q", "--filter", $"label=com.docker.swarm.service.name={_service}-g1").Output.Split('\n')[0];
        Assert.Equal(0, CiDocker.Run("docker", "kill", task).Code);
        await WaitUntilReplacedAsync($"{_service}-g1", task, replicas: 2);
        var imported = await _session.ImportAsync(Type, _service);
        Assert.Equal(state.Value.GetAttribute("expires_at").AsString(), imported.Value.GetAttribute("expires_at").AsString());

        var expired = PhoenixStates.Expired(state);
        var refreshedExpired = (await _session.RefreshAsync(Type, expired))!;
        var plan = await _session.PlanAsync(Type, refreshedExpired, config, createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, plan.Action);
        Assert.True(
            plan.RequiresReplace.SequenceEqual([CtyPath.Root.GetAttr("expires_at")]),
            $"replace paths: {string.Join(", ", plan.RequiresReplace)}; status: {refreshedExpired.Value.GetAttribute("status").AsString()}");
        Assert.Contains(plan.Warnings, w => w.Contains("expired", StringComparison.Ordinal) && w.Contains("phoenix", StringComparison.Ordinal));

        var replaced = (await _session.ApplyAsync(plan))!;
        Assert.Equal(2L, replaced.Value.GetAttribute("generation").AsInt64());
        Assert.Equal("sv1", await GetAsync());
        Assert.NotEqual(0, CiDocker.Run("docker", "service", "inspect", $"{_service}-g1").Code);
        await _session.DestroyAsync(Type, replaced);
    }

    [Fact]
    public async Task A_private_image_is_pulled_with_the_providers_registry_auth_and_a_wrong_password_is_a_diagnostic_on_image()
    {
        var image = PushPrivate(RolloutHost.BuildApp(_root, "private"), "p" + Guid.NewGuid().ToString("N")[..12]);
        var password = CiDocker.AuthRegistryPassword();
        try
        {
            // The first attempt must pull (the image is not on the engine): with a wrong password it cannot.
            await using (var wrong = await StartSessionAsync("wrong-password"))
            {
                var plan = await wrong.PlanAsync(Type, null, Config(image).Build(wrong));
                var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => wrong.ApplyAsync(plan));
                Assert.Contains(error.Errors, e => e.Contains("Image could not be pulled", StringComparison.Ordinal) && e.Contains("No such image", StringComparison.Ordinal) && e.Contains("(at image)", StringComparison.Ordinal));
                Assert.Empty(CiDocker.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output);
            }

            await using var right = await StartSessionAsync(password);
            var state = (await right.ApplyAsync(await right.PlanAsync(Type, null, Config(image).Build(right))))!;
            Assert.Equal("serving", state.Value.GetAttribute("status").AsString());
            Assert.Equal("private", await GetAsync());
            await right.DestroyAsync(Type, state);
            await right.Process.ShutdownAsync();
            Assert.DoesNotContain(right.Process.StandardError, line => line.Contains(password, StringComparison.Ordinal));
        }
        finally
        {
            CiDocker.Run("docker", "rmi", image);
        }
    }

    [Fact]
    public async Task Swarm_bad_input_is_a_diagnostic_on_the_attribute_before_anything_is_created()
    {
        var localId = CiDocker.Run("docker", "image", "inspect", "--format", "{{.Id}}", "immutable-test/app:sv1").Output;
        var local = await _session.ValidateAsync(Type, Config(localId).Build(_session));
        Assert.Contains(local, d => d.IsError && d.Summary == "Image is not pullable by the swarm" && Equals(d.Attribute, CtyPath.Root.GetAttr("image")));

        var typo = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, (Config(_v1) with { Constraints = ["node.colour==blue"] }).Build(_session)));
        Assert.Contains(typo.Errors, e => e.Contains("Placement cannot be satisfied", StringComparison.Ordinal) && e.Contains("node.colour", StringComparison.Ordinal) && e.Contains("(at placement)", StringComparison.Ordinal));

        var nowhere = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, (Config(_v1) with { Constraints = ["node.role==worker"] }).Build(_session)));
        Assert.Contains(nowhere.Errors, e => e.Contains("no active node satisfies node.role==worker", StringComparison.Ordinal) && e.Contains("(at placement)", StringComparison.Ordinal));

        Assert.Empty(CiDocker.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={_service}").Output);
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
        Assert.Equal(0, CiDocker.Run("docker", "service", "inspect", $"{_service}-g2").Code);

        // Terraform kept the old object; a new provider process routes back, sweeps g2 and rolls out g3.
        await _session.DisposeAsync();
        _session = await StartSessionAsync();
        var refreshed = (await _session.RefreshAsync(Type, first))!;
        var again = await _session.PlanAsync(Type, refreshed, Config(_v2).Build(_session), createBeforeDestroy: true);
        var converged = (await _session.ApplyAsync(again))!;
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Equal(3L, converged.Value.GetAttribute("generation").AsInt64());
        Assert.NotEqual(0, CiDocker.Run("docker", "service", "inspect", $"{_service}-g2").Code);
        Assert.Equal("sv2", await GetAsync());
        await _session.DestroyAsync(Type, refreshed);
        Assert.Equal("sv2", await GetAsync());
        await _session.DestroyAsync(Type, converged);
    }

    private static string Push(string imageId, string tag)
    {
        var reference = $"127.0.0.1:5000/immutable-test/swarm-provider:{tag}";
        Assert.Equal(0, CiDocker.Run("docker", "tag", imageId, reference).Code);
        var (code, output) = CiDocker.Run("docker", "push", "-q", reference);
        Assert.True(code == 0, output);
        return CiDocker.Run("docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{if eq (index (split . \"@\") 0) \"127.0.0.1:5000/immutable-test/swarm-provider\"}}{{.}}{{end}}{{end}}", reference).Output;
    }

    /// <summary>Pushes to the registry that requires a login (through a throwaway Docker config), then removes the image from the engine so a task must pull it.</summary>
    private string PushPrivate(string imageId, string tag)
    {
        var reference = $"{CiDocker.AuthRegistry}/immutable-test/swarm-provider:{tag}";
        var login = new Dictionary<string, string> { ["DOCKER_CONFIG"] = Path.Combine(_root, "login") };
        Assert.Equal(0, CiDocker.Run("docker", "tag", imageId, reference).Code);
        var (code, output) = CiDocker.Run(login, "sh", "-c", $"docker login -u immutable --password-stdin {CiDocker.AuthRegistry} < /tmp/immutable-ci/registry-auth.password && docker push -q {reference}");
        Assert.True(code == 0, output);
        var pinned = CiDocker.Run("docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", reference).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).First(d => d.StartsWith(CiDocker.AuthRegistry + "/", StringComparison.Ordinal));
        Assert.Equal(0, CiDocker.Run("docker", "rmi", "-f", imageId).Code);
        Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", pinned).Code);
        return pinned;
    }

    private async Task<string> GetAsync()
    {
        using var http = new HttpClient();
        return (await http.GetStringAsync(Endpoint)).Trim();
    }

    /// <summary>
    /// Waits (generously: a loaded machine restarts slowly) until Swarm runs all <paramref name="replicas"/> of
    /// <paramref name="service"/> again, a new task in place of the killed container; the plan is made after that,
    /// not during the reschedule (when a missing replica is drift).
    /// </summary>
    private static async Task WaitUntilReplacedAsync(string service, string killed, int replicas)
    {
        for (var attempt = 0; ; attempt++)
        {
            var running = CiDocker.Run("docker", "ps", "-q", "--no-trunc", "--filter", $"label=com.docker.swarm.service.name={service}", "--filter", "status=running").Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (running.Length >= replicas && !running.Any(id => id.StartsWith(killed, StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(attempt < 240, $"Swarm did not replace the killed task of {service} within two minutes");
            await Task.Delay(500);
        }
    }
}
