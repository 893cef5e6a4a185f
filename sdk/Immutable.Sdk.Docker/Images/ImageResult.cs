using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Images;

/// <summary>An image made by <see cref="ImageBuilder"/>.</summary>
public sealed record ImageResult
{
    /// <summary>The local image id (<c>sha256:</c> digest of the image config).</summary>
    public required string ImageId { get; init; }

    /// <summary>The context digest it was built from.</summary>
    public required string ContextDigest { get; init; }

    /// <summary>When the engine says it was built.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The registry's manifest digest after a push; null when not pushed.</summary>
    public string? RepoDigest { get; init; }

    /// <summary>What a rollout must consume: see <see cref="PinnedReference"/>.</summary>
    public required string Reference { get; init; }

    /// <summary><c>repository@digest</c> when pushed, else the local image id: the one name that cannot move.</summary>
    public static string PinnedReference(ImageReference repository, string? repoDigest, string imageId)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repoDigest is null ? imageId : repository.WithoutTagOrDigest().WithDigest(repoDigest).ToString();
    }
}
