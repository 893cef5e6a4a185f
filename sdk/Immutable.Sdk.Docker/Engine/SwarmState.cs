namespace Immutable.Sdk.Docker.Engine;

/// <summary>The engine's place in a swarm.</summary>
/// <param name="LocalNodeState"><c>inactive</c>, <c>pending</c>, <c>active</c>, <c>error</c> or <c>locked</c>.</param>
/// <param name="IsManager">True when this engine can manage the swarm (create services, configs…).</param>
/// <param name="NodeId">This engine's node id; empty outside a swarm.</param>
public sealed record SwarmState(string LocalNodeState, bool IsManager, string NodeId);
