using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Sdk.Docker.Tests.Rollouts;

/// <summary>A restart is healing, not drift: what <see cref="RolloutEngine.Report"/> says about restarted and restarting instances.</summary>
public sealed class RestartTruthTests
{
    private static readonly RouteTable Routed = RouteTable.Only(4, ["svc-lane0:8080", "svc-lane0:8080"]);

    private static InstanceFacts Instance(int index, string status, long restarts) => new()
    {
        Id = $"id{index}",
        Name = $"svc-g4-{index}",
        ImageId = "sha256:aa",
        Running = status == "running",
        Status = status,
        RestartCount = restarts,
    };

    private static GenerationReport? Report(params InstanceFacts[] instances) => RolloutEngine.Report(
        new ServiceSnapshot(Routed, new EndpointFacts("svc-endpoint", true, true),
            new Dictionary<long, GenerationFacts> { [4] = new(4, instances, ["svc-lane0:8080", "svc-lane0:8080"], null) }),
        new GenerationRecord("svc", 4, 2, "sha256:aa", ["svc-g4-0", "svc-g4-1"]));

    [Fact]
    public void Restarted_containers_serve_and_their_restarts_are_summed()
    {
        var report = Report(Instance(0, "running", 2), Instance(1, "running", 1))!;
        Assert.Null(report.Drift);
        Assert.Equal(3, report.Restarts);
    }

    [Fact]
    public void A_container_docker_is_restarting_is_not_drift_but_a_stopped_one_is()
    {
        Assert.Null(Report(Instance(0, "running", 0), Instance(1, "restarting", 5))!.Drift);
        Assert.Equal("drifted: svc-g4-1 is exited", Report(Instance(0, "running", 0), Instance(1, "exited", 0))!.Drift);
    }
}
