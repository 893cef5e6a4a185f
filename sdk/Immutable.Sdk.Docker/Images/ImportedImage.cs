namespace Immutable.Sdk.Docker.Images;

/// <summary>What an existing image tells about itself on import.</summary>
public sealed record ImportedImage
{
    /// <summary>The local image id.</summary>
    public required string ImageId { get; init; }

    /// <summary>The context digest label, when the image carries one.</summary>
    public string? ContextDigest { get; init; }

    /// <summary>The registry digest the import id named (<c>NAME@sha256:…</c>); null for a local image id.</summary>
    public string? RepoDigest { get; init; }

    /// <summary>The recipe label (the configuration it was built from), when the image carries one.</summary>
    public string? Recipe { get; init; }

    /// <summary>When the engine says it was built.</summary>
    public DateTimeOffset? Created { get; init; }
}
