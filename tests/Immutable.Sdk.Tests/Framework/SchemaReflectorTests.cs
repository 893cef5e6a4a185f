using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

public sealed class SchemaReflectorTests
{
    private static readonly ObjectSchema Schema = SchemaReflector.Reflect(TestJsonContext.Default.ThingModel);

    [Fact]
    public void Names_are_snake_case_and_descriptions_come_from_the_attributes()
    {
        Assert.Equal(["name", "labels", "ports", "size", "timeouts", "limits", "password", "id", "digest"], Schema.Attributes.Select(a => a.Name));
        Assert.Equal("The name.", Schema.Find("name")!.Description);
        Assert.Equal("A thing for tests.", Schema.Description);
    }

    [Fact]
    public void Flags_follow_the_attributes()
    {
        Assert.True(Schema.Find("name")!.Required);
        Assert.True(Schema.Find("size") is { Optional: true, Computed: true });
        Assert.True(Schema.Find("id") is { Computed: true, Optional: false, Required: false });
        Assert.True(Schema.Find("timeouts")!.Operational);
        Assert.True(Schema.Find("password") is { Sensitive: true, WriteOnly: true });
    }

    [Fact]
    public void Types_map_to_cty()
    {
        Assert.Equal(CtyType.String, Schema.Find("name")!.Type);
        Assert.Equal(CtyType.Map(CtyType.String), Schema.Find("labels")!.Type);
        Assert.Equal(CtyType.Set(CtyType.Number), Schema.Find("ports")!.Type);
        Assert.Equal(CtyType.Number, Schema.Find("size")!.Type);
        var limits = Schema.Find("limits")!;
        Assert.Equal(NestingMode.Single, limits.Nesting);
        Assert.Equal(CtyType.Object([("cpus", CtyType.Number), ("memory", CtyType.Number)]), limits.Type);
        Assert.True(limits.NestedObject!.Find("cpus")!.Required);
    }

    [Fact]
    public void A_property_without_a_mode_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaReflector.Reflect(TestJsonContext.Default.MissingModeModel));
        Assert.Contains("[Required], [Optional] or [Computed]", error.Message, StringComparison.Ordinal);
    }
}
