namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// The labels an image built here carries about how it was made: they let a reader recognise the
/// image and let an import recover its configuration from the image alone.
/// </summary>
public static class ImageLabels
{
    /// <summary>Prefix of every label the engine owns.</summary>
    public const string Prefix = "org.immutable-infra.";

    /// <summary>Marks an image as made by this engine.</summary>
    public const string ManagedBy = Prefix + "managed-by";

    /// <summary>The owner value of <see cref="ManagedBy"/>.</summary>
    public const string Owner = "terraform-provider-immutable";

    /// <summary>The context digest the image was built from.</summary>
    public const string ContextDigest = Prefix + "context-digest";

    /// <summary>The caller's configuration the image was built from (opaque to the engine).</summary>
    public const string Recipe = Prefix + "recipe";

    /// <summary>OCI annotation: when the image was made.</summary>
    public const string Created = "org.opencontainers.image.created";

    /// <summary>OCI annotation: the source commit.</summary>
    public const string Revision = "org.opencontainers.image.revision";

    /// <summary>OCI annotation: the source repository.</summary>
    public const string Source = "org.opencontainers.image.source";
}
