namespace Immutable.Sdk.Docker.Engine;

/// <summary>One row of a container listing.</summary>
public sealed record ContainerSummary(string Id, string Name, IReadOnlyDictionary<string, string> Labels, string State);
