using Immutable.Cty;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging.Abstractions;

namespace Immutable.Sdk.Tests.Framework;

public sealed class ReplaceOnlyResourceTests
{
    private readonly ThingResource _thing = new();
    private readonly IResourceDefinition _resource;
    private readonly ResourceContext _context = new(null, NullLogger.Instance, CancellationToken.None);

    public ReplaceOnlyResourceTests() => _resource = _thing;

    private CtyValue Config(params (string Name, CtyValue Value)[] attributes)
    {
        var given = attributes.ToDictionary(a => a.Name, a => a.Value);
        return CtyValue.Object(_resource.Schema.Attributes.ToDictionary(
            a => a.Name, a => given.TryGetValue(a.Name, out var v) ? v : CtyValue.Null(a.Type)));
    }

    private async Task<CtyValue> CreateAsync(CtyValue config)
    {
        var plan = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        var applied = await _resource.ApplyAsync(new ApplyRequest(null, plan.Planned, default), _context);
        Assert.Empty(applied.Diagnostics);
        return applied.NewState!;
    }

    [Fact]
    public async Task Create_plan_keeps_config_and_leaves_unset_computed_values_unknown()
    {
        var config = Config(("name", CtyValue.String("a")));
        var plan = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        Assert.Empty(plan.Diagnostics);
        Assert.Equal(CtyValue.String("a"), plan.Planned!.GetAttribute("name"));
        Assert.False(plan.Planned.GetAttribute("id").IsKnown);
        Assert.False(plan.Planned.GetAttribute("size").IsKnown);
        Assert.Equal(CtyValue.String("d-a"), plan.Planned.GetAttribute("digest"));
        Assert.True(plan.Planned.GetAttribute("labels").IsNull);
        Assert.Empty(plan.RequiresReplace);
    }

    [Fact]
    public async Task Unchanged_config_plans_exactly_the_prior_state()
    {
        var config = Config(("name", CtyValue.String("a")));
        var state = await CreateAsync(config);
        var plan = await _resource.PlanAsync(new PlanRequest(state, config, config, default), _context);
        Assert.Empty(plan.RequiresReplace);
        Assert.True(plan.Planned!.RawEquals(state));
    }

    [Fact]
    public async Task Every_changed_attribute_is_listed_and_computed_values_become_unknown()
    {
        var state = await CreateAsync(Config(("name", CtyValue.String("a"))));
        var changed = Config(
            ("name", CtyValue.String("b")),
            ("labels", CtyValue.Map(CtyType.String, new Dictionary<string, CtyValue> { ["team"] = CtyValue.String("x") })));
        var plan = await _resource.PlanAsync(new PlanRequest(state, changed, changed, default), _context);
        Assert.Contains(CtyPath.Root.GetAttr("name"), plan.RequiresReplace);
        Assert.Contains(CtyPath.Root.GetAttr("labels"), plan.RequiresReplace);
        Assert.Contains(CtyPath.Root.GetAttr("digest"), plan.RequiresReplace);
        Assert.False(plan.Planned!.GetAttribute("id").IsKnown);
        Assert.Equal(CtyValue.String("d-b"), plan.Planned.GetAttribute("digest"));
    }

    [Fact]
    public async Task Nested_changes_point_at_the_nested_attribute()
    {
        var limitsType = _resource.Schema.Find("limits")!.Type;
        CtyValue Limits(double cpus) => CtyValue.Object(new Dictionary<string, CtyValue> { ["cpus"] = CtyValue.Number(cpus), ["memory"] = CtyValue.Null(CtyType.Number) });
        var state = await CreateAsync(Config(("name", CtyValue.String("a")), ("limits", Limits(1))));
        Assert.Equal(512, state.GetAttribute("limits").GetAttribute("memory").AsInt64());

        var unchanged = Config(("name", CtyValue.String("a")), ("limits", Limits(1)));
        var noop = await _resource.PlanAsync(new PlanRequest(state, unchanged, unchanged, default), _context);
        Assert.Empty(noop.RequiresReplace);
        Assert.True(noop.Planned!.RawEquals(state), "nested computed values carry over");

        var changed = Config(("name", CtyValue.String("a")), ("limits", Limits(2)));
        var plan = await _resource.PlanAsync(new PlanRequest(state, changed, changed, default), _context);
        Assert.Equal([CtyPath.Root.GetAttr("limits").GetAttr("cpus")], plan.RequiresReplace);
        Assert.False(plan.Planned!.GetAttribute("limits").GetAttribute("memory").IsKnown);
    }

    [Fact]
    public async Task Operational_and_write_only_changes_never_force_replacement()
    {
        var state = await CreateAsync(Config(("name", CtyValue.String("a"))));
        var timeoutsType = _resource.Schema.Find("timeouts")!.Type;
        var changed = Config(
            ("name", CtyValue.String("a")),
            ("timeouts", CtyValue.Object(new Dictionary<string, CtyValue> { ["create"] = CtyValue.String("5m") })),
            ("password", CtyValue.String("secret")));
        var plan = await _resource.PlanAsync(new PlanRequest(state, changed, changed, default), _context);
        Assert.Empty(plan.RequiresReplace);
        Assert.Equal("5m", plan.Planned!.GetAttribute("timeouts").GetAttribute("create").AsString());
        Assert.True(plan.Planned.GetAttribute("password").IsNull, "write-only values are never planned");
        Assert.Equal(state.GetAttribute("id"), plan.Planned.GetAttribute("id"));

        var applied = await _resource.ApplyAsync(new ApplyRequest(state, plan.Planned, default), _context);
        Assert.True(applied.NewState!.RawEquals(plan.Planned));
        Assert.Single(_thing.World);
    }

    [Fact]
    public async Task An_unknown_config_value_forces_replacement()
    {
        var state = await CreateAsync(Config(("name", CtyValue.String("a"))));
        var changed = Config(("name", CtyValue.Unknown(CtyType.String)));
        var plan = await _resource.PlanAsync(new PlanRequest(state, changed, changed, default), _context);
        Assert.Contains(CtyPath.Root.GetAttr("name"), plan.RequiresReplace);
        Assert.False(plan.Planned!.GetAttribute("name").IsKnown);
    }

    [Fact]
    public async Task A_computed_value_that_differs_from_its_plan_is_reported()
    {
        var config = Config(("name", CtyValue.String("a")));
        var plan = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        _thing.DigestOverride = "something else";
        var applied = await _resource.ApplyAsync(new ApplyRequest(null, plan.Planned, default), _context);
        var error = Assert.Single(applied.Diagnostics);
        Assert.Equal("Provider produced an inconsistent result", error.Summary);
        Assert.Equal(CtyPath.Root.GetAttr("digest"), error.Attribute);
        Assert.Contains("d-a", error.Detail, StringComparison.Ordinal);
        Assert.Contains("something else", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("build context", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_in_resource_code_become_diagnostics_and_no_state()
    {
        _thing.BeforeCreate = (_, _) => throw new DiagnosticException(Diagnostic.Error("Build failed", "step 3", CtyPath.Root.GetAttr("name")));
        var config = Config(("name", CtyValue.String("a")));
        var plan = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        var applied = await _resource.ApplyAsync(new ApplyRequest(null, plan.Planned, default), _context);
        Assert.Null(applied.NewState);
        Assert.Equal("Build failed", Assert.Single(applied.Diagnostics).Summary);

        _thing.BeforeCreate = (_, _) => throw new InvalidOperationException("boom");
        applied = await _resource.ApplyAsync(new ApplyRequest(null, plan.Planned, default), _context);
        Assert.Null(applied.NewState);
        Assert.Contains("boom", Assert.Single(applied.Diagnostics).Detail, StringComparison.Ordinal);
        Assert.Empty(_thing.World);
    }

    [Fact]
    public async Task Read_returns_null_when_the_object_is_gone()
    {
        var state = await CreateAsync(Config(("name", CtyValue.String("a"))));
        _thing.World.Clear();
        var read = await _resource.ReadAsync(state, _context);
        Assert.Null(read.State);
        Assert.Empty(read.Diagnostics);
    }

    [Fact]
    public void Upgrade_drops_removed_attributes_and_nulls_missing_ones()
    {
        var json = """{"name":"a","removed_long_ago":true,"id":"id-a","size":3}"""u8.ToArray();
        var upgraded = _resource.UpgradeState(0, json);
        Assert.Empty(upgraded.Diagnostics);
        Assert.Equal("a", upgraded.State!.GetAttribute("name").AsString());
        Assert.Equal(3, upgraded.State.GetAttribute("size").AsInt64());
        Assert.True(upgraded.State.GetAttribute("labels").IsNull);
    }

    [Fact]
    public void Upgrade_refuses_state_from_a_newer_schema_and_garbage()
    {
        Assert.Contains("newer", _resource.UpgradeState(1, "{}"u8.ToArray()).Diagnostics.Single().Summary, StringComparison.Ordinal);
        Assert.Equal("Unreadable state", _resource.UpgradeState(0, "[1,2"u8.ToArray()).Diagnostics.Single().Summary);
    }

    [Fact]
    public async Task Import_is_refused_with_the_frameworks_wording_when_not_implemented()
    {
        var imported = await _resource.ImportAsync("x", _context);
        Assert.Equal("Resource Import Not Implemented", imported.Diagnostics.Single().Summary);
    }
}
