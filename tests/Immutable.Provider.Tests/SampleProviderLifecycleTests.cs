using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests;

/// <summary>
/// The SDK's replace-only framework end to end: the published sample provider (built on
/// Immutable.Sdk) driven through the test kit's full lifecycle, plus drift and operational changes.
/// </summary>
public sealed class SampleProviderLifecycleTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("immutable-sample").FullName;
    private TerraformSession _session = null!;

    public async Task InitializeAsync()
    {
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Sample });
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue> { ["base_directory"] = CtyValue.String(_directory) }));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static Dictionary<string, CtyValue> File(string path, string content) => new()
    {
        ["path"] = CtyValue.String(path),
        ["content"] = CtyValue.String(content),
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Full_lifecycle_passes_terraform_cores_checks(bool createBeforeDestroy)
    {
        var steps = await LifecycleRunner.RunAsync(_session, new LifecycleScenario
        {
            TypeName = "sample_file",
            ProviderConfig = new Dictionary<string, CtyValue> { ["base_directory"] = CtyValue.String(_directory) },
            Initial = File("a.txt", "one"),
            // With create_before_destroy the new file must not collide with the old one.
            Changed = File(createBeforeDestroy ? "b.txt" : "a.txt", "two"),
            // Exactly what the plan lists: the configured changes and the plan-time values computed from them.
            ExpectedReplacePaths = createBeforeDestroy
                ? [CtyPath.Root.GetAttr("path"), CtyPath.Root.GetAttr("content"), CtyPath.Root.GetAttr("sha256"), CtyPath.Root.GetAttr("id")]
                : [CtyPath.Root.GetAttr("content"), CtyPath.Root.GetAttr("sha256")],
            ImportId = state => state.Value.GetAttribute("path").AsString(),
            DeleteOutside = state =>
            {
                System.IO.File.Delete(state.Value.GetAttribute("id").AsString());
                return Task.CompletedTask;
            },
            // Replacing drift with create_before_destroy would write the new file before removing the drifted one at the same path.
            Drift = createBeforeDestroy ? null : state => System.IO.File.WriteAllTextAsync(state.Value.GetAttribute("id").AsString(), "patched in place"),
            CreateBeforeDestroy = createBeforeDestroy,
        });
        Assert.Equal(createBeforeDestroy ? 18 : 23, steps.Count);
        Assert.False(System.IO.File.Exists(Path.Combine(_directory, "a.txt")));
    }

    [Fact]
    public async Task Digest_is_known_at_plan_time_and_a_content_change_explains_the_replacement()
    {
        var create = await _session.PlanAsync("sample_file", null, _session.Config("sample_file", File("c.txt", "hello")));
        var digest = create.Planned!.GetAttribute("sha256");
        Assert.True(digest.IsKnown);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.AsString());
        Assert.Equal("0644", create.Planned.GetAttribute("mode").AsString());

        var state = await _session.ApplyAsync(create);
        var change = await _session.PlanAsync("sample_file", state, _session.Config("sample_file", File("c.txt", "hello!")));
        Assert.Equal(PlanAction.DeleteThenCreate, change.Action);
        Assert.Contains(CtyPath.Root.GetAttr("content"), change.RequiresReplace);
        Assert.Contains(CtyPath.Root.GetAttr("sha256"), change.RequiresReplace);
        await _session.DestroyAsync("sample_file", state!);
    }

    [Fact]
    public async Task An_edit_made_out_of_band_is_drift_that_plans_a_replacement()
    {
        var config = _session.Config("sample_file", File("d.txt", "original"));
        var state = await _session.ApplyAsync(await _session.PlanAsync("sample_file", null, config));
        await System.IO.File.WriteAllTextAsync(Path.Combine(_directory, "d.txt"), "patched in place");

        var refreshed = await _session.RefreshAsync("sample_file", state!);
        var plan = await _session.PlanAsync("sample_file", refreshed, config);
        Assert.Equal(PlanAction.DeleteThenCreate, plan.Action);
        Assert.Contains(CtyPath.Root.GetAttr("content"), plan.RequiresReplace);

        var replaced = await _session.ApplyAsync(plan);
        Assert.Equal("original", await System.IO.File.ReadAllTextAsync(Path.Combine(_directory, "d.txt")));
        await _session.DestroyAsync("sample_file", replaced!);
    }

    [Fact]
    public async Task An_object_deleted_out_of_band_is_gone_and_planned_again()
    {
        var config = _session.Config("sample_file", File("e.txt", "x"));
        var state = await _session.ApplyAsync(await _session.PlanAsync("sample_file", null, config));
        System.IO.File.Delete(Path.Combine(_directory, "e.txt"));

        Assert.Null(await _session.RefreshAsync("sample_file", state!));
        var plan = await _session.PlanAsync("sample_file", null, config);
        Assert.Equal(PlanAction.Create, plan.Action);
    }

    [Fact]
    public async Task Changing_an_operational_setting_updates_state_without_replacing_anything()
    {
        var config = _session.Config("sample_file", File("f.txt", "keep me"));
        var state = await _session.ApplyAsync(await _session.PlanAsync("sample_file", null, config));
        var written = System.IO.File.GetLastWriteTimeUtc(Path.Combine(_directory, "f.txt"));

        var timeoutType = _session.Schema("sample_file").Find("timeouts")!.Type;
        var withTimeouts = new Dictionary<string, CtyValue>(File("f.txt", "keep me"))
        {
            ["timeouts"] = CtyValue.Object(new Dictionary<string, CtyValue> { ["create"] = CtyValue.String("2m") }),
        };
        var plan = await _session.PlanAsync("sample_file", state, _session.Config("sample_file", withTimeouts));
        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Empty(plan.RequiresReplace);

        var updated = await _session.ApplyAsync(plan);
        Assert.Equal("2m", updated!.Value.GetAttribute("timeouts").GetAttribute("create").AsString());
        Assert.Equal(written, System.IO.File.GetLastWriteTimeUtc(Path.Combine(_directory, "f.txt")));
        await _session.DestroyAsync("sample_file", updated);
    }

    [Fact]
    public async Task Create_never_overwrites_a_file_it_does_not_own()
    {
        await System.IO.File.WriteAllTextAsync(Path.Combine(_directory, "g.txt"), "precious");
        var plan = await _session.PlanAsync("sample_file", null, _session.Config("sample_file", File("g.txt", "other")));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));
        Assert.Contains(error.Errors, e => e.Contains("File already exists", StringComparison.Ordinal) && e.Contains("(at path)", StringComparison.Ordinal));
        Assert.Equal("precious", await System.IO.File.ReadAllTextAsync(Path.Combine(_directory, "g.txt")));
    }

    [Fact]
    public async Task Validation_points_at_the_bad_attribute()
    {
        var config = new Dictionary<string, CtyValue>(File("h.txt", "x")) { ["mode"] = CtyValue.String("rwx") };
        var diagnostics = await _session.ValidateAsync("sample_file", _session.Config("sample_file", config));
        var error = Assert.Single(diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(CtyPath.Root.GetAttr("mode"), error.Attribute);
    }

    [Fact]
    public async Task State_written_by_an_older_schema_with_a_removed_attribute_still_loads()
    {
        var config = _session.Config("sample_file", File("i.txt", "x"));
        var state = await _session.ApplyAsync(await _session.PlanAsync("sample_file", null, config));
        var json = System.Text.Json.Nodes.JsonNode.Parse(state!.Json)!.AsObject();
        json["legacy_owner"] = "someone";
        json.Remove("mode");
        var old = state with { Json = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()) };

        var upgraded = await _session.UpgradeAsync("sample_file", old);
        Assert.Equal("x", upgraded.GetAttribute("content").AsString());
        Assert.True(upgraded.GetAttribute("mode").IsNull);
        await _session.DestroyAsync("sample_file", state);
    }
}
