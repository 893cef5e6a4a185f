using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Images;

/// <summary>What is known about an image made earlier (Terraform's state): enough to check and remove it.</summary>
public sealed record ImageRecord
{
    /// <summary>The repository it was tagged under.</summary>
    public required ImageReference Repository { get; init; }

    /// <summary>The context digest it was built from (gives the content tag); null when unknown.</summary>
    public string? ContextDigest { get; init; }

    /// <summary>The local image id.</summary>
    public string? ImageId { get; init; }

    /// <summary>The registry's manifest digest when it was pushed.</summary>
    public string? RepoDigest { get; init; }

    /// <summary>Leave the local image in place on removal.</summary>
    public bool KeepLocally { get; init; }

    /// <summary>The reference of the content tag (<c>repository:ctx-…</c>); null without a context digest.</summary>
    public ImageReference? Tagged => ContextDigest is null ? null : Repository.WithoutTagOrDigest().WithTag(ContentTag.Of(ContextDigest));
}
