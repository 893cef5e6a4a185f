using System.Net.Http.Headers;
using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Images;

/// <summary>
/// <c>immutable_image</c> end to end: the published provider binary, driven as Terraform core
/// drives it, against a real Docker engine and a real registry on 127.0.0.1:5000.
/// </summary>
public sealed class ImageResourceTests : IAsyncLifetime
{
    private const string Type = "immutable_image";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-image").FullName;
    private readonly string _repository = $"{CiDocker.Registry}/tests/app{Guid.NewGuid():N}"[..48];
    private TerraformSession _session = null!;

    private string Context => Path.Combine(_root, "app");

    public async Task InitializeAsync()
    {
        CiDocker.Require();
        DockerHost.CreateContext(Context);
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?> { ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache") },
        });
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue>()));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private Dictionary<string, CtyValue> Image(bool push = false, Dictionary<string, string>? buildArgs = null, string? context = null) => new()
    {
        ["name"] = CtyValue.String(_repository),
        ["context"] = CtyValue.String(context ?? Context),
        ["push"] = CtyValue.Bool(push),
        ["build_args"] = buildArgs is null
            ? CtyValue.Null(CtyType.Map(CtyType.String))
            : CtyValue.Map(CtyType.String, buildArgs.ToDictionary(e => e.Key, e => CtyValue.String(e.Value))),
    };

    private async Task<StoredState> CreateAsync(Dictionary<string, CtyValue> config)
    {
        var plan = await _session.PlanAsync(Type, null, _session.Config(Type, config));
        Assert.Equal(PlanAction.Create, plan.Action);
        return (await _session.ApplyAsync(plan))!;
    }

    [Fact]
    public async Task Full_lifecycle_with_a_build_arg_change_and_import_by_image_id()
    {
        var steps = await LifecycleRunner.RunAsync(_session, new LifecycleScenario
        {
            TypeName = Type,
            Initial = Image(),
            Changed = Image(buildArgs: new() { ["VERSION"] = "2" }),
            ExpectedReplacePaths = [CtyPath.Root.GetAttr("build_args"), CtyPath.Root.GetAttr("context_digest")],
            ImportId = state => state.Value.GetAttribute("reference").AsString(),
        });
        Assert.Equal(14, steps.Count);
    }

    [Fact]
    public async Task A_changed_file_is_a_replacement_at_plan_time_and_an_ignored_file_is_not()
    {
        var state = await CreateAsync(Image());
        var config = _session.Config(Type, Image());
        var digest = state.Value.GetAttribute("context_digest").AsString();
        Assert.StartsWith("sha256:", digest, StringComparison.Ordinal);
        Assert.Equal(state.Value.GetAttribute("image_id"), state.Value.GetAttribute("reference"));
        var (_, labels) = CiDocker.Run("docker", "image", "inspect", "--format", "{{json .Config.Labels}}", state.Value.GetAttribute("image_id").AsString());
        Assert.Contains("org.opencontainers.image.created", labels, StringComparison.Ordinal);
        Assert.Contains($"\"org.immutable-infra.context-digest\":\"{digest}\"", labels, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(Context, "debug.log"), "ignored by .dockerignore");
        Directory.CreateDirectory(Path.Combine(Context, "notes"));
        await File.WriteAllTextAsync(Path.Combine(Context, "notes", "todo.md"), "also ignored");
        var ignored = await _session.PlanAsync(Type, await _session.RefreshAsync(Type, state), config);
        Assert.Equal(PlanAction.NoOp, ignored.Action);

        await File.WriteAllTextAsync(Path.Combine(Context, "app.txt"), "version two\n");
        var changed = await _session.PlanAsync(Type, await _session.RefreshAsync(Type, state), config);
        Assert.Equal(PlanAction.DeleteThenCreate, changed.Action);
        Assert.Equal([CtyPath.Root.GetAttr("context_digest")], changed.RequiresReplace);
        Assert.NotEqual(digest, changed.Planned!.GetAttribute("context_digest").AsString());

        var replaced = await _session.ApplyAsync(changed);
        Assert.NotEqual(state.Value.GetAttribute("image_id"), replaced!.Value.GetAttribute("image_id"));
        Assert.Null(await _session.RefreshAsync(Type, state));
        await _session.DestroyAsync(Type, replaced);
    }

    [Fact]
    public async Task Push_pins_the_reference_to_the_digest_the_registry_serves()
    {
        var state = await CreateAsync(Image(push: true));
        var repoDigest = state.Value.GetAttribute("repo_digest").AsString();
        Assert.Equal($"{_repository}@{repoDigest}", state.Value.GetAttribute("reference").AsString());

        var tag = "ctx-" + state.Value.GetAttribute("context_digest").AsString()[7..23];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{CiDocker.Registry}/v2/{_repository[(CiDocker.Registry.Length + 1)..]}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"registry answered {response.StatusCode}");
        Assert.Equal(repoDigest, response.Headers.GetValues("Docker-Content-Digest").Single());

        await _session.DestroyAsync(Type, state);
        using var stillThere = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, request.RequestUri) { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json") } } });
        Assert.True(stillThere.IsSuccessStatusCode, "a pushed image stays in the registry after destroy");
    }

    [Fact]
    public async Task A_failing_build_names_the_step_and_leaves_nothing_tagged()
    {
        var broken = Path.Combine(_root, "broken");
        DockerHost.CreateContext(broken, "FROM scratch\nCOPY busybox /bin/busybox\nCOPY missing.txt /missing.txt\n");
        var plan = await _session.PlanAsync(Type, null, _session.Config(Type, Image(context: broken)));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));
        var message = Assert.Single(error.Errors);
        Assert.Contains("Image build failed", message, StringComparison.Ordinal);
        Assert.Contains("COPY missing.txt /missing.txt", message, StringComparison.Ordinal);
        Assert.Contains("(at dockerfile)", message, StringComparison.Ordinal);

        var tag = "ctx-" + plan.Planned!.GetAttribute("context_digest").AsString()[7..23];
        Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", $"{_repository}:{tag}").Code);
    }

    [Fact]
    public async Task A_registry_that_refuses_fails_the_push_and_removes_the_local_tag()
    {
        var config = Image(push: true);
        config["name"] = CtyValue.String("127.0.0.1:5999/tests/unreachable");
        var plan = await _session.PlanAsync(Type, null, _session.Config(Type, config));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));
        Assert.Contains(error.Errors, e => e.Contains("Registry refused the image", StringComparison.Ordinal) && e.Contains("(at push)", StringComparison.Ordinal));
        var tag = "ctx-" + plan.Planned!.GetAttribute("context_digest").AsString()[7..23];
        Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", $"127.0.0.1:5999/tests/unreachable:{tag}").Code);
    }

    [Fact]
    public async Task An_image_removed_out_of_band_is_gone_and_planned_again()
    {
        var state = await CreateAsync(Image());
        var (code, output) = CiDocker.Run("docker", "rmi", "--force", state.Value.GetAttribute("image_id").AsString());
        Assert.True(code == 0, output);
        Assert.Null(await _session.RefreshAsync(Type, state));
        Assert.Equal(PlanAction.Create, (await _session.PlanAsync(Type, null, _session.Config(Type, Image()))).Action);
    }

    [Fact]
    public async Task A_tag_moved_to_other_content_plans_a_replacement_with_the_reason()
    {
        var state = await CreateAsync(Image());
        var tag = "ctx-" + state.Value.GetAttribute("context_digest").AsString()[7..23];
        var other = Path.Combine(_root, "other");
        DockerHost.CreateContext(other, "FROM scratch\nCOPY busybox /bin/other\n");
        var (code, output) = CiDocker.Run("docker", "build", "-q", "-t", $"{_repository}:{tag}", other);
        Assert.True(code == 0, output);

        var plan = await _session.PlanAsync(Type, await _session.RefreshAsync(Type, state), _session.Config(Type, Image()));
        Assert.Equal(PlanAction.DeleteThenCreate, plan.Action);
        Assert.Contains(CtyPath.Root.GetAttr("image_id"), plan.RequiresReplace);
        Assert.Contains(plan.Warnings, w => w.Contains("moved out of band", StringComparison.Ordinal));
        var replaced = await _session.ApplyAsync(plan);
        await _session.DestroyAsync(Type, replaced!);
    }

    [Fact]
    public async Task Bad_input_is_reported_on_the_attribute_before_anything_is_built()
    {
        var missing = Image(context: Path.Combine(_root, "does-not-exist"));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, _session.Config(Type, missing)));
        Assert.Contains(error.Errors, e => e.Contains("Invalid build context", StringComparison.Ordinal) && e.Contains("(at context)", StringComparison.Ordinal));

        var tagged = Image();
        tagged["name"] = CtyValue.String(_repository + ":latest");
        var diagnostics = await _session.ValidateAsync(Type, _session.Config(Type, tagged));
        Assert.Contains(diagnostics, d => d.IsError && d.Summary == "Invalid image name" && d.Attribute!.Equals(CtyPath.Root.GetAttr("name")));
    }

    [Fact]
    public async Task Terraform_validate_reports_a_missing_context_or_dockerfile_on_the_attribute_when_the_paths_are_known()
    {
        var missingContext = await _session.ValidateAsync(Type, _session.Config(Type, Image(context: Path.Combine(_root, "does-not-exist"))));
        var context = Assert.Single(missingContext, d => d.IsError);
        Assert.Equal(("Invalid build context", CtyPath.Root.GetAttr("context")), (context.Summary, context.Attribute));
        Assert.Contains("does not exist", context.Detail, StringComparison.Ordinal);

        var missingDockerfile = Image();
        missingDockerfile["dockerfile"] = CtyValue.String("build/Containerfile");
        var dockerfile = Assert.Single(await _session.ValidateAsync(Type, _session.Config(Type, missingDockerfile)), d => d.IsError);
        Assert.Equal(("Invalid build context", CtyPath.Root.GetAttr("dockerfile")), (dockerfile.Summary, dockerfile.Attribute));
        Assert.Contains("build/Containerfile", dockerfile.Detail, StringComparison.Ordinal);

        // Not known yet (e.g. another resource's output): nothing to say until plan knows it.
        var unknownDockerfile = Image();
        unknownDockerfile["dockerfile"] = CtyValue.Unknown(CtyType.String);
        Assert.DoesNotContain(await _session.ValidateAsync(Type, _session.Config(Type, unknownDockerfile)), d => d.IsError);
        var unknownContext = Image();
        unknownContext["context"] = CtyValue.Unknown(CtyType.String);
        Assert.DoesNotContain(await _session.ValidateAsync(Type, _session.Config(Type, unknownContext)), d => d.IsError);
        Assert.Empty(await _session.ValidateAsync(Type, _session.Config(Type, Image())));
    }

    [Fact]
    public async Task An_unreachable_docker_engine_is_a_diagnostic_not_a_crash()
    {
        await using var session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["host"] = CtyValue.String("unix:///nonexistent/docker.sock") }));
        var plan = await session.PlanAsync(Type, null, session.Config(Type, Image()));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ApplyAsync(plan));
        Assert.Contains(error.Errors, e => e.Contains("Docker engine unreachable", StringComparison.Ordinal));
        Assert.False(session.Process.HasExited);
    }
}
