using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Rollouts.Swarm;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>Plan-time placement checks (pure; the real node list is exercised by the provider's Swarm tests).</summary>
public sealed class PlacementConstraintsTests
{
    private static readonly SwarmNodeFacts Manager = new()
    {
        Id = "m1", Hostname = "vm", Role = "manager", Availability = "active", State = "ready", Os = "linux", Architecture = "x86_64",
        Labels = new Dictionary<string, string> { ["zone"] = "a" },
    };

    private static readonly SwarmNodeFacts DrainedWorker = Manager with { Id = "w1", Hostname = "w1", Role = "worker", Availability = "drain" };

    [Theory]
    [InlineData("node.role==manager")]
    [InlineData("node.role == MANAGER")]
    [InlineData("node.labels.zone==a")]
    [InlineData("node.labels.zone!=b")]
    [InlineData("node.platform.os==linux")]
    [InlineData("engine.labels.ssd!=true")]
    public void Satisfiable_constraints_pass(string constraint) =>
        Assert.Empty(PlacementConstraints.Check([constraint], [Manager, DrainedWorker]));

    [Fact]
    public void An_unknown_attribute_is_named()
    {
        var problem = Assert.Single(PlacementConstraints.Check(["node.colour==blue"], [Manager]));
        Assert.Contains("knows no attribute node.colour", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node.role=worker")]
    [InlineData("worker")]
    [InlineData("node.role==")]
    public void Bad_syntax_is_named(string constraint) =>
        Assert.Contains("is not a constraint", Assert.Single(PlacementConstraints.Check([constraint], [Manager])), StringComparison.Ordinal);

    [Fact]
    public void Constraints_only_a_drained_node_meets_cannot_be_satisfied()
    {
        var problem = Assert.Single(PlacementConstraints.Check(["node.role==worker"], [Manager, DrainedWorker]));
        Assert.Contains("no active node satisfies node.role==worker", problem, StringComparison.Ordinal);
        Assert.Contains("w1 (worker, drain)", problem, StringComparison.Ordinal);
    }
}
