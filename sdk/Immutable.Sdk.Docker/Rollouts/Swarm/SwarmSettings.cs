using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>What a rollout on Swarm needs beyond <see cref="RolloutSpec"/>: placement and how the endpoint and the generations are reached.</summary>
public sealed record SwarmSettings
{
    /// <summary>Placement constraints of the generation services (<c>node.role==worker</c>…).</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>At most this many tasks of a generation on one node; 0 for no limit.</summary>
    public int MaxReplicasPerNode { get; init; }

    /// <summary>How the endpoint's port is published: the routing mesh (every node answers) or on the node running it.</summary>
    public SwarmPublishMode PublishMode { get; init; } = SwarmPublishMode.Ingress;

    /// <summary>How routers reach a generation: its virtual IP (<c>NAME-gN</c>), or DNS round-robin over its tasks (<c>tasks.NAME-gN</c>).</summary>
    public SwarmEndpointMode BackendMode { get; init; } = SwarmEndpointMode.Vip;
}
