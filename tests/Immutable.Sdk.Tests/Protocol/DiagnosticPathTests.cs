using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol;

namespace Immutable.Sdk.Tests.Protocol;

/// <summary>
/// Diagnostics must land on a line Terraform can show. Terraform resolves a path only as far as a
/// top-level attribute (a path into a nested attribute's object value falls back to the resource
/// block, checked with Terraform 1.11), so nested paths are cut there and lead the detail.
/// </summary>
public sealed class DiagnosticPathTests
{
    [Fact]
    public void A_nested_path_points_at_its_top_level_attribute_and_leads_the_detail()
    {
        var path = CtyPath.Root.GetAttr("strategy").GetAttr("steps").Index(1).GetAttr("weight");
        var proto = WireMapping.ToProto([Diagnostic.Error("Canary weights must increase", "Step 2 gives less.", path)]).Single();
        Assert.Equal("strategy", Assert.Single(proto.Attribute.Steps).AttributeName);
        Assert.Equal("strategy.steps[1].weight: Step 2 gives less.", proto.Detail);
    }

    [Fact]
    public void A_top_level_path_and_no_path_are_sent_as_they_are()
    {
        var protos = WireMapping.ToProto([
            Diagnostic.Error("Invalid name", "Bad.", CtyPath.Root.GetAttr("name")),
            Diagnostic.Warning("General", "No attribute."),
        ]).ToList();
        Assert.Equal("name", Assert.Single(protos[0].Attribute.Steps).AttributeName);
        Assert.Equal("Bad.", protos[0].Detail);
        Assert.Null(protos[1].Attribute);
        Assert.Equal("No attribute.", protos[1].Detail);
    }
}
