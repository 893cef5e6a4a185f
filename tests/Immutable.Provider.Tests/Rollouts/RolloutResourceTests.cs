using System.Globalization;
using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// <c>immutable_rollout</c> end to end: the published provider binary driven as Terraform core
/// drives it, a real Docker engine, the HAProxy endpoint, and clients hitting the endpoint throughout.
/// </summary>
public sealed partial class RolloutResourceTests : IAsyncLifetime
{
    private const string Type = "immutable_rollout";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-rollout").FullName;
    private readonly string _service = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _port = RolloutHost.FreePort();
    private TerraformSession _session = null!;
    private string _v1 = null!;
    private string _v2 = null!;

    private Uri Endpoint => new($"http://127.0.0.1:{_port}/");

    public async Task InitializeAsync()
    {
        RolloutHost.Require();
        _v1 = RolloutHost.BuildApp(_root, "v1");
        _v2 = RolloutHost.BuildApp(_root, "v2");
        _session = await StartSessionAsync();
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        RolloutHost.Purge(_service);
        Directory.Delete(_root, recursive: true);
    }

    private async Task<TerraformSession> StartSessionAsync()
    {
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage) }));
        return session;
    }

    private RolloutConfig Config(string image) => new() { Name = _service, Image = image, HostPort = _port };

    private async Task<StoredState> CreateAsync(RolloutConfig config)
    {
        var plan = await _session.PlanAsync(Type, null, config.Build(_session));
        Assert.Equal(PlanAction.Create, plan.Action);
        return (await _session.ApplyAsync(plan))!;
    }

    private async Task<string> GetAsync()
    {
        using var http = new HttpClient();
        return (await http.GetStringAsync(Endpoint)).Trim();
    }

    [Fact]
    public async Task Blue_green_replaces_the_generation_under_load_without_a_failed_request()
    {
        var first = await CreateAsync(Config(_v1));
        Assert.Equal("serving", first.Value.GetAttribute("status").AsString());
        Assert.Equal($"{_service}/1", first.Value.GetAttribute("id").AsString());
        Assert.Equal($"http://127.0.0.1:{_port}", first.Value.GetAttribute("endpoint_url").AsString());
        Assert.Equal("v1", await GetAsync());

        var plan = await _session.PlanAsync(Type, await _session.RefreshAsync(Type, first), Config(_v2).Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, plan.Action);
        Assert.Equal([CtyPath.Root.GetAttr("image")], plan.RequiresReplace);
        // The address does not change with the generation, so the plan already knows it.
        Assert.Equal(first.Value.GetAttribute("endpoint_url"), plan.Planned!.GetAttribute("endpoint_url"));

        StoredState second;
        await using (var load = new LoadLoop(Endpoint))
        {
            await Task.Delay(500);
            second = (await _session.ApplyAsync(plan))!;
            await Task.Delay(500);
            await load.StopAsync();
            Assert.Empty(load.Failures);
            Assert.True(load.Count("v1") > 0 && load.Count("v2") > 0, $"v1 {load.Count("v1")}, v2 {load.Count("v2")}");
            var lastV1 = load.Answers.Where(a => a.Body == "v1").Max(a => a.At);
            var firstV2 = load.Answers.Where(a => a.Body == "v2").Min(a => a.At);
            Assert.True(firstV2 - lastV1 > -250, $"blue-green switches at once: last v1 at {lastV1} ms, first v2 at {firstV2} ms");
        }

        Assert.Equal(2L, second.Value.GetAttribute("generation").AsInt64());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g2-0", $"{_service}-g2-1"], RolloutHost.Containers(_service));
        Assert.Equal("v2", await GetAsync());

        await _session.DestroyAsync(Type, second);
        Assert.Empty(RolloutHost.Containers(_service));
        Assert.False(RolloutHost.NetworkExists(_service));
    }

    [Fact]
    public async Task A_generation_that_never_becomes_healthy_is_rolled_back_and_the_old_one_keeps_serving()
    {
        var first = await CreateAsync(Config(_v1));
        var broken = RolloutHost.BuildApp(_root, "v3-broken", healthy: false);
        var plan = await _session.PlanAsync(Type, first, (Config(broken) with { Deadline = "3s" }).Build(_session), createBeforeDestroy: true);

        await using var load = new LoadLoop(Endpoint, workers: 2);
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));
        await load.StopAsync();

        var message = Assert.Single(error.Errors);
        Assert.Contains("New generation is not healthy", message, StringComparison.Ordinal);
        Assert.Contains("GET /healthz", message, StringComparison.Ordinal);
        Assert.Contains("404", message, StringComparison.Ordinal);
        Assert.Contains("Last output of", message, StringComparison.Ordinal);
        Assert.Contains("(at health_check)", message, StringComparison.Ordinal);
        Assert.Empty(load.Failures);
        Assert.Equal(0, load.Count("v3-broken"));
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g1-0", $"{_service}-g1-1"], RolloutHost.Containers(_service));
        Assert.Equal("v1", await GetAsync());
        Assert.Equal("serving", (await _session.RefreshAsync(Type, first))!.Value.GetAttribute("status").AsString());
    }

    [Fact]
    public async Task Bad_input_is_a_diagnostic_on_the_attribute_before_anything_starts()
    {
        var tagged = await _session.ValidateAsync(Type, (Config("immutable-test/app:v1") with { }).Build(_session));
        Assert.Contains(tagged, d => d.IsError && d.Summary == "Image is not pinned by digest" && Equals(d.Attribute, CtyPath.Root.GetAttr("image")));
        var allowed = await _session.ValidateAsync(Type, (Config("immutable-test/app:v1") with { AllowUnpinned = true }).Build(_session));
        Assert.DoesNotContain(allowed, d => d.IsError);

        var unknown = await _session.ValidateAsync(Type, (Config(_v1) with { Strategy = "rolling" }).Build(_session));
        // Terraform can only place diagnostics on top-level attribute lines, so nested paths lead the detail instead.
        Assert.Contains(unknown, d => d.IsError && Equals(d.Attribute, CtyPath.Root.GetAttr("strategy")) && d.Detail.StartsWith("strategy.type: ", StringComparison.Ordinal));

        var decreasing = await _session.ValidateAsync(Type, (Config(_v1) with { Strategy = "canary", Steps = [(50, "1s"), (20, "1s")] }).Build(_session));
        Assert.Contains(decreasing, d => d.IsError && d.Summary == "Canary weights must increase" &&
            Equals(d.Attribute, CtyPath.Root.GetAttr("strategy")) && d.Detail.StartsWith("strategy.steps[1].weight: Step 2", StringComparison.Ordinal));
        var over = await _session.ValidateAsync(Type, (Config(_v1) with { Strategy = "canary", Steps = [(50, "1s"), (120, "1s")] }).Build(_session));
        Assert.Contains(over, d => d.IsError && d.Summary == "Invalid canary weight");

        // A host port another container already publishes is refused at plan time.
        var squatter = $"{_service}-squatter";
        Assert.Equal(0, CiDocker.Run("docker", "run", "-d", "--name", squatter, "--label", $"org.immutable-infra.service={_service}", "-p", $"127.0.0.1:{_port}:8080", _v1).Code);
        var conflict = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, Config(_v1).Build(_session)));
        Assert.Contains(conflict.Errors, e => e.Contains("Host port already in use", StringComparison.Ordinal) && e.Contains("endpoint.host_port", StringComparison.Ordinal));
        Assert.Equal([squatter], RolloutHost.Containers(_service));
    }

    [Fact]
    public async Task Canary_shifts_traffic_in_steps_and_both_generations_serve_meanwhile()
    {
        var first = await CreateAsync(Config(_v1));
        var canary = Config(_v2) with { Strategy = "canary", Steps = [(25, "2s"), (60, "2s")] };
        var plan = await _session.PlanAsync(Type, first, canary.Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, plan.Action);
        Assert.Contains(CtyPath.Root.GetAttr("strategy").GetAttr("type"), plan.RequiresReplace);

        await using var load = new LoadLoop(Endpoint);
        await Task.Delay(300);
        var second = (await _session.ApplyAsync(plan))!;
        await Task.Delay(300);
        await load.StopAsync();

        Assert.Empty(load.Failures);
        var lastV1 = load.Answers.Where(a => a.Body == "v1").Max(a => a.At);
        var v2BeforeLastV1 = load.Answers.Count(a => a.Body == "v2" && a.At < lastV1 - 1000);
        Assert.True(v2BeforeLastV1 > 20, $"during the canary steps both generations answered ({v2BeforeLastV1} v2 answers more than 1 s before the last v1 answer)");
        Assert.Equal("v2", await GetAsync());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g2-0", $"{_service}-g2-1"], RolloutHost.Containers(_service));
        await _session.DestroyAsync(Type, second);
    }

    [Fact]
    public async Task Phoenix_an_expired_generation_plans_a_replacement_with_the_reason()
    {
        // Expiry comes from the times the provider recorded, not from how fast this machine plans: a long max_age
        // keeps the first plan a no-op however loaded the machine is, and the expired case is that same state once
        // its expires_at has passed.
        var config = (Config(_v1) with { MaxAge = "1h" }).Build(_session);
        var state = await CreateAsync(Config(_v1) with { MaxAge = "1h" });
        Assert.Equal(PlanAction.NoOp, (await _session.PlanAsync(Type, await _session.RefreshAsync(Type, state), config)).Action);
        var startedAt = DateTimeOffset.Parse(state.Value.GetAttribute("started_at").AsString(), CultureInfo.InvariantCulture);
        var expiresAt = DateTimeOffset.Parse(state.Value.GetAttribute("expires_at").AsString(), CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(1), expiresAt - startedAt);

        var expired = PhoenixStates.Expired(state);
        var plan = await _session.PlanAsync(Type, await _session.RefreshAsync(Type, expired), config, createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, plan.Action);
        Assert.Equal([CtyPath.Root.GetAttr("expires_at")], plan.RequiresReplace);
        Assert.Contains(plan.Warnings, w => w.Contains("expired", StringComparison.Ordinal) && w.Contains("phoenix", StringComparison.Ordinal));

        var replaced = (await _session.ApplyAsync(plan))!;
        Assert.Equal(2L, replaced.Value.GetAttribute("generation").AsInt64());
        Assert.Equal("v1", await GetAsync());
    }

    [Fact]
    public async Task Drift_a_removed_container_plans_a_replacement_and_the_apply_converges()
    {
        var state = await CreateAsync(Config(_v1));
        Assert.Equal(0, CiDocker.Run("docker", "rm", "-f", $"{_service}-g1-1").Code);

        var refreshed = (await _session.RefreshAsync(Type, state))!;
        Assert.StartsWith("drifted: 1 of 2 containers exist", refreshed.Value.GetAttribute("status").AsString(), StringComparison.Ordinal);
        var plan = await _session.PlanAsync(Type, refreshed, Config(_v1).Build(_session), createBeforeDestroy: true);
        Assert.Equal(PlanAction.CreateThenDelete, plan.Action);
        Assert.Equal([CtyPath.Root.GetAttr("status")], plan.RequiresReplace);

        var replaced = (await _session.ApplyAsync(plan))!;
        Assert.Equal("serving", replaced.Value.GetAttribute("status").AsString());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g2-0", $"{_service}-g2-1"], RolloutHost.Containers(_service));

        // A container restarted into another image is drift too.
        Assert.Equal(0, CiDocker.Run("docker", "rm", "-f", $"{_service}-g2-0").Code);
        Assert.Equal(0, CiDocker.Run("docker", "run", "-d", "--name", $"{_service}-g2-0", "--label", "org.immutable-infra.managed-by=terraform-provider-immutable",
            "--label", $"org.immutable-infra.service={_service}", "--label", "org.immutable-infra.generation=2", "--label", "org.immutable-infra.role=app", _v2).Code);
        var swapped = (await _session.RefreshAsync(Type, replaced))!;
        Assert.Contains($"runs {_v2}", swapped.Value.GetAttribute("status").AsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_by_service_name_rebuilds_the_configuration_so_the_next_plan_is_a_no_op()
    {
        var created = await CreateAsync(Config(_v1));
        var imported = await _session.ImportAsync(Type, _service);
        Assert.Equal(created.Value.GetAttribute("id"), imported.Value.GetAttribute("id"));
        Assert.Equal(created.Value.GetAttribute("image_id"), imported.Value.GetAttribute("image_id"));
        var plan = await _session.PlanAsync(Type, imported, Config(_v1).Build(_session));
        Assert.Equal(PlanAction.NoOp, plan.Action);

        var missing = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ImportAsync(Type, _service + "x"));
        Assert.Contains(missing.Errors, e => e.Contains("non-existent", StringComparison.Ordinal));

        // The id in state (SERVICE/GENERATION) imports too; a malformed one is a diagnostic that shows the form.
        var byStateId = await _session.ImportAsync(Type, created.Value.GetAttribute("id").AsString());
        Assert.Equal(created.Value.GetAttribute("id"), byStateId.Value.GetAttribute("id"));
        foreach (var malformed in new[] { _service + "/latest", _service + "/1/2", "/1" })
        {
            var invalid = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ImportAsync(Type, malformed));
            Assert.Contains(invalid.Errors, e => e.Contains("Invalid import id", StringComparison.Ordinal) && e.Contains("SERVICE/GENERATION", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_provider_killed_mid_rollout_leaves_the_old_generation_serving_and_the_next_apply_converges()
    {
        var first = await CreateAsync(Config(_v1));
        var slow = Config(_v2) with { Strategy = "canary", Steps = [(30, "60s")] };
        var plan = await _session.PlanAsync(Type, first, slow.Build(_session), createBeforeDestroy: true);

        await using var load = new LoadLoop(Endpoint, workers: 4);
        var apply = _session.ApplyAsync(plan);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (load.Count("v2") < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(load.Count("v2") >= 20, "the canary step was reached");
        _session.Process.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => apply);
        Assert.Contains($"{_service}-g2-0", RolloutHost.Containers(_service));

        // Terraform kept the old object (the create never finished); a new provider process plans again and converges.
        await _session.DisposeAsync();
        _session = await StartSessionAsync();
        var refreshed = (await _session.RefreshAsync(Type, first))!;
        var again = await _session.PlanAsync(Type, refreshed, Config(_v2).Build(_session), createBeforeDestroy: true);
        var converged = (await _session.ApplyAsync(again))!;
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Equal(3L, converged.Value.GetAttribute("generation").AsInt64());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g3-0", $"{_service}-g3-1"], RolloutHost.Containers(_service));
        Assert.Equal("v2", await GetAsync());
    }

    [Fact]
    public async Task Recreate_stops_the_old_generation_first_and_hardening_settings_reach_the_containers()
    {
        var volume = _service + "-data";
        var network = _service + "-shared";
        Assert.Equal(0, CiDocker.Run("docker", "network", "create", network).Code);
        var config = Config(_v1) with { Strategy = "recreate", ReadOnlyRootFs = true, Volume = volume, Network = network };
        var first = await CreateAsync(config);

        // Inside the shared network the endpoint answers to the service name.
        var (code, body) = CiDocker.Run("docker", "run", "--rm", "--network", network, _v1, "/bin/busybox", "wget", "-qO-", $"http://{_service}:8080/");
        Assert.True(code == 0, body);
        Assert.Equal("v1", body);
        var (_, inspect) = CiDocker.Run("docker", "inspect", "--format", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Init}} {{range .Mounts}}{{.Name}}:{{.Destination}}{{end}}", $"{_service}-g1-0");
        Assert.Equal($"true true {volume}:/data", inspect);

        var plan = await _session.PlanAsync(Type, first, (config with { Image = _v2 }).Build(_session), createBeforeDestroy: true);
        var second = (await _session.ApplyAsync(plan))!;
        Assert.Equal(2L, second.Value.GetAttribute("generation").AsInt64());
        Assert.Equal([$"{_service}-endpoint", $"{_service}-g2-0", $"{_service}-g2-1"], RolloutHost.Containers(_service));
        Assert.Equal("v2", await GetAsync());
        await _session.DestroyAsync(Type, second);
        Assert.Equal(0, CiDocker.Run("docker", "volume", "inspect", volume).Code);
        CiDocker.Run("docker", "volume", "rm", volume);
        Assert.Equal(0, CiDocker.Run("docker", "network", "rm", network).Code);
    }

    [Fact]
    public async Task Without_create_before_destroy_the_replacement_still_converges()
    {
        var first = await CreateAsync(Config(_v1));
        var plan = await _session.PlanAsync(Type, first, Config(_v2).Build(_session));
        Assert.Equal(PlanAction.DeleteThenCreate, plan.Action);
        var second = (await _session.ApplyAsync(plan))!;
        Assert.Equal("serving", second.Value.GetAttribute("status").AsString());
        Assert.Equal("v2", await GetAsync());
        Assert.Equal(3, RolloutHost.Containers(_service).Count);
    }

    [Fact]
    public async Task A_host_port_held_by_another_process_fails_on_the_attribute_and_leaves_nothing_behind()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, _port);
        holder.Start();
        var plan = await _session.PlanAsync(Type, null, Config(_v1).Build(_session));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));
        var message = Assert.Single(error.Errors);
        Assert.Contains("Host port already in use", message, StringComparison.Ordinal);
        Assert.Contains("(at endpoint)", message, StringComparison.Ordinal);
        Assert.Contains("endpoint.host_port: ", message, StringComparison.Ordinal);
        Assert.Empty(RolloutHost.Containers(_service));
        Assert.False(RolloutHost.NetworkExists(_service));
    }

    [Fact]
    public async Task An_unreachable_engine_is_a_diagnostic_not_a_crash()
    {
        await using var session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue>
        {
            ["host"] = CtyValue.String("unix:///nonexistent/docker.sock"),
            ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage),
        }));
        var plan = await session.PlanAsync(Type, null, Config(_v1).Build(session));
        Assert.Contains(plan.Warnings, w => w.Contains("could not be checked", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ApplyAsync(plan));
        Assert.Contains(error.Errors, e => e.Contains("Docker engine unreachable", StringComparison.Ordinal) && e.Contains("/nonexistent/docker.sock", StringComparison.Ordinal));
        Assert.False(session.Process.HasExited);
    }

    [Fact]
    public async Task An_image_pushed_elsewhere_is_pulled_with_the_providers_registry_credentials()
    {
        const string registry = CiDocker.AuthRegistry;
        var password = CiDocker.AuthRegistryPassword();
        var cli = new Dictionary<string, string> { ["DOCKER_CONFIG"] = Directory.CreateDirectory(Path.Combine(_root, "docker-cli")).FullName };
        var id = RolloutHost.BuildApp(_root, "vpull");
        var repository = $"{registry}/tests/pull{_service}";
        Assert.Equal(0, CiDocker.Run(cli, "docker", "tag", id, repository + ":1").Code);
        Assert.Equal(0, CiDocker.Run(cli, "docker", "login", registry, "-u", "immutable", "--password", password).Code);
        var (pushed, pushOutput) = CiDocker.Run(cli, "docker", "push", repository + ":1");
        Assert.True(pushed == 0, pushOutput);
        var reference = CiDocker.Run("docker", "image", "inspect", "--format", "{{index .RepoDigests 0}}", repository + ":1").Output;
        Assert.StartsWith(repository + "@sha256:", reference, StringComparison.Ordinal);
        Assert.Equal(0, CiDocker.Run("docker", "rmi", repository + ":1", "immutable-test/app:vpull").Code);
        Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", reference).Code);

        // Without credentials the pull is refused, on the image attribute, and nothing is left.
        var refused = await _session.PlanAsync(Type, null, Config(reference).Build(_session));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(refused));
        Assert.Contains(error.Errors, e => e.Contains("Image could not be pulled", StringComparison.Ordinal) && e.Contains("(at image)", StringComparison.Ordinal));
        Assert.Empty(RolloutHost.Containers(_service));

        await using var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = Path.Combine(_root, "no-docker-config") },
        });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue>
        {
            ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage),
            ["registry_auth"] = ConfigValues.From(session.ProviderSchema.Find("registry_auth")!.Type, new[]
            {
                new Dictionary<string, object?> { ["address"] = registry, ["username"] = "immutable", ["password"] = password },
            }),
        }));
        var plan = await session.PlanAsync(Type, null, Config(reference).Build(session));
        var state = (await session.ApplyAsync(plan))!;
        Assert.Equal("serving", state.Value.GetAttribute("status").AsString());
        Assert.Equal("vpull", await GetAsync());
        Assert.DoesNotContain(session.Process.StandardError, line => line.Contains(password, StringComparison.Ordinal));
        await session.DestroyAsync(Type, state);
    }
}
