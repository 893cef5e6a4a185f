namespace Immutable.Sdk.Docker.Engine;

/// <summary>One Swarm config object: immutable data stored in the cluster's Raft log.</summary>
public sealed record SwarmConfigFacts(string Id, string Name, IReadOnlyDictionary<string, string> Labels, byte[] Data, DateTimeOffset? CreatedAt);
