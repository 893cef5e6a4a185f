namespace Immutable.Sdk.Docker.Engine;

/// <summary>What the engine knows about one local image.</summary>
public sealed record ImageFacts(
    string Id,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? Created,
    string Os,
    string Architecture);
