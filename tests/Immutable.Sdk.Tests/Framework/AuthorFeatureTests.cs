using Immutable.Cty;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging.Abstractions;

namespace Immutable.Sdk.Tests.Framework;

/// <summary>What a provider author gets without ceremony: snake_case names, defaults, validators, typed plan code.</summary>
public sealed class AuthorFeatureTests
{
    private readonly NoteResource _note = new();
    private readonly IResourceDefinition _resource;
    private readonly ResourceContext _context = new(null, NullLogger.Instance, CancellationToken.None);

    public AuthorFeatureTests() => _resource = _note;

    private CtyValue Config(params (string Name, CtyValue Value)[] attributes)
    {
        var given = attributes.ToDictionary(a => a.Name, a => a.Value);
        return CtyValue.Object(_resource.Schema.Attributes.ToDictionary(
            a => a.Name, a => given.TryGetValue(a.Name, out var v) ? v : CtyValue.Null(a.Type)));
    }

    private async Task<CtyValue> CreateAsync(CtyValue config)
    {
        var plan = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        Assert.Empty(plan.Diagnostics);
        var applied = await _resource.ApplyAsync(new ApplyRequest(null, plan.Planned, default), _context);
        Assert.Empty(applied.Diagnostics);
        return applied.NewState!;
    }

    private static CtyValue Target(string directory, long? perDirectory = null) => CtyValue.Object(new Dictionary<string, CtyValue>
    {
        ["directory_name"] = CtyValue.String(directory),
        ["per_directory"] = perDirectory is { } n ? CtyValue.Number(n) : CtyValue.Null(CtyType.Number),
    });

    [Fact]
    public void Names_are_snake_case_without_a_naming_policy()
    {
        Assert.Equal(
            ["file_path", "kind", "mode", "copies", "keep_for", "tags", "target", "path_digest", "checked_by", "id"],
            _resource.Schema.Attributes.Select(a => a.Name));
        Assert.Equal(["directory_name", "per_directory"], _resource.Schema.Find("target")!.NestedObject!.Attributes.Select(a => a.Name));
    }

    [Fact]
    public void A_name_that_cannot_be_snake_case_is_refused_with_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaReflector.Reflect(AuthorJsonContext.Default.BadNameModel));
        Assert.Contains("file-path", error.Message, StringComparison.Ordinal);
        Assert.Contains("JsonPropertyName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_of_the_wrong_type_and_a_validator_on_the_wrong_type_are_refused()
    {
        var badDefault = Assert.Throws<InvalidOperationException>(() => SchemaReflector.Reflect(AuthorJsonContext.Default.BadDefaultModel));
        Assert.Contains("BadDefaultModel.Count", badDefault.Message, StringComparison.Ordinal);
        var badValidator = Assert.Throws<InvalidOperationException>(() => SchemaReflector.Reflect(AuthorJsonContext.Default.BadValidatorModel));
        Assert.Contains("[OneOf]", badValidator.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_round_trip_through_renamed_attributes_nested_ones_included()
    {
        var state = await CreateAsync(Config(("file_path", CtyValue.String("/notes/a")), ("target", Target("/copies", 3))));
        Assert.Equal("/notes/a", state.GetAttribute("file_path").AsString());
        Assert.Equal("note-/notes/a", state.GetAttribute("id").AsString());
        Assert.Equal(3, state.GetAttribute("target").GetAttribute("per_directory").AsInt64());
        var stored = Assert.Single(_note.World.Values);
        Assert.Equal("/copies", stored.Target!.DirectoryName);
    }

    [Fact]
    public async Task Defaults_are_planned_as_known_values_and_replace_only_when_they_differ_from_what_was_deployed()
    {
        var config = Config(("file_path", CtyValue.String("/notes/a")), ("target", Target("/copies")));
        var create = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        Assert.Equal("0644", create.Planned!.GetAttribute("mode").AsString());
        Assert.Equal(1, create.Planned.GetAttribute("copies").AsInt64());
        Assert.Equal(2, create.Planned.GetAttribute("target").GetAttribute("per_directory").AsInt64());
        Assert.True(_resource.Schema.Find("mode") is { Optional: true, Computed: true });

        var state = await CreateAsync(config);
        var noop = await _resource.PlanAsync(new PlanRequest(state, config, config, default), _context);
        Assert.Empty(noop.RequiresReplace);
        Assert.True(noop.Planned!.RawEquals(state));

        var explicitDefault = Config(("file_path", CtyValue.String("/notes/a")), ("mode", CtyValue.String("0644")), ("target", Target("/copies")));
        var same = await _resource.PlanAsync(new PlanRequest(state, explicitDefault, explicitDefault, default), _context);
        Assert.Empty(same.RequiresReplace);

        var other = Config(("file_path", CtyValue.String("/notes/a")), ("mode", CtyValue.String("0600")), ("target", Target("/copies")));
        var stateWith0600 = await CreateAsync(other);
        var back = await _resource.PlanAsync(new PlanRequest(stateWith0600, config, config, default), _context);
        Assert.Equal([CtyPath.Root.GetAttr("mode")], back.RequiresReplace);
        Assert.Equal("0644", back.Planned!.GetAttribute("mode").AsString());
    }

    [Fact]
    public async Task Validators_report_on_the_attribute_path_and_skip_unknown_values()
    {
        var config = Config(
            ("file_path", CtyValue.String("/notes/a")),
            ("kind", CtyValue.String("diary")),
            ("mode", CtyValue.String("644")),
            ("copies", CtyValue.Number(11)),
            ("keep_for", CtyValue.String("soon")),
            ("tags", CtyValue.List(CtyType.String, CtyValue.String("ok"), CtyValue.String("Not OK"))),
            ("target", Target("/copies", 9)));
        var diagnostics = await _resource.ValidateAsync(config, _context);
        Assert.Equal(
            [
                CtyPath.Root.GetAttr("kind"), CtyPath.Root.GetAttr("mode"), CtyPath.Root.GetAttr("copies"), CtyPath.Root.GetAttr("keep_for"),
                CtyPath.Root.GetAttr("tags").Index(1), CtyPath.Root.GetAttr("target").GetAttr("per_directory"),
            ],
            diagnostics.Select(d => d.Attribute));
        Assert.Contains("\"diary\" is not one of \"memo\", \"todo\"", diagnostics[0].Detail, StringComparison.Ordinal);
        Assert.Contains("an octal mode such as 0644", diagnostics[1].Detail, StringComparison.Ordinal);

        var unknowns = Config(("file_path", CtyValue.String("/notes/a")), ("kind", CtyValue.Unknown(CtyType.String)), ("copies", CtyValue.Unknown(CtyType.Number)));
        Assert.Empty(await _resource.ValidateAsync(unknowns, _context));
    }

    [Fact]
    public async Task Typed_validate_sees_known_and_null_values_and_points_at_the_member()
    {
        var config = Config(("file_path", CtyValue.String("/notes/a")), ("kind", CtyValue.String("todo")));
        var error = Assert.Single(await _resource.ValidateAsync(config, _context));
        Assert.Equal("A todo needs keep_for", error.Summary);
        Assert.Equal(CtyPath.Root.GetAttr("keep_for"), error.Attribute);
    }

    [Fact]
    public async Task Typed_plan_code_reads_unknown_known_and_nested_values()
    {
        var unknownPath = Config(("file_path", CtyValue.Unknown(CtyType.String)), ("target", Target("/copies")));
        var plan = await _resource.PlanAsync(new PlanRequest(null, unknownPath, unknownPath, default), _context);
        Assert.Empty(plan.Diagnostics);
        Assert.False(plan.Planned!.GetAttribute("path_digest").IsKnown);
        Assert.Equal("file_path=(known after apply); target.directory_name=/copies", _note.Seen[^1]);

        var known = Config(("file_path", CtyValue.String("/notes/a")));
        plan = await _resource.PlanAsync(new PlanRequest(null, known, known, default), _context);
        Assert.Equal(64, plan.Planned!.GetAttribute("path_digest").AsString().Length);
        Assert.Equal("file_path=/notes/a; target.directory_name=null", _note.Seen[^1]);
    }

    [Fact]
    public async Task A_changed_computed_value_forces_replacement_unless_marked_otherwise()
    {
        var config = Config(("file_path", CtyValue.String("/notes/a")));
        var state = await CreateAsync(config);

        _note.CheckedBy = "second";
        var plan = await _resource.PlanAsync(new PlanRequest(state, config, config, default), _context);
        Assert.Empty(plan.RequiresReplace);
        Assert.Equal("second", plan.Planned!.GetAttribute("checked_by").AsString());
        Assert.Equal(state.GetAttribute("id"), plan.Planned.GetAttribute("id"));

        var moved = Config(("file_path", CtyValue.String("/notes/b")));
        plan = await _resource.PlanAsync(new PlanRequest(state, moved, moved, default), _context);
        Assert.Equal([CtyPath.Root.GetAttr("file_path"), CtyPath.Root.GetAttr("path_digest")], plan.RequiresReplace);
    }

    [Theory]
    [InlineData("no_such_attribute", "has no attribute \"no_such_attribute\"")]
    [InlineData("kind", "\"kind\" is not computed")]
    public async Task SetComputed_refuses_names_that_are_not_computed_attributes(string name, string expected)
    {
        _note.MisnamedComputed = name;
        var config = Config(("file_path", CtyValue.String("/notes/a")));
        var plan = await _resource.PlanAsync(new PlanRequest(null, config, config, default), _context);
        var error = Assert.Single(plan.Diagnostics);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
        Assert.Null(plan.Planned);
    }
}
