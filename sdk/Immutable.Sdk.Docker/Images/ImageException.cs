namespace Immutable.Sdk.Docker.Images;

/// <summary>The part of an image's configuration a failure is about, so a caller can point at it.</summary>
public enum ImageField
{
    /// <summary>Nothing in particular (the engine, the host).</summary>
    None,

    /// <summary>The repository name.</summary>
    Name,

    /// <summary>The build context directory.</summary>
    Context,

    /// <summary>The Dockerfile.</summary>
    Dockerfile,

    /// <summary>The push to the registry.</summary>
    Push,

    /// <summary>The operation's deadline.</summary>
    Timeouts,
}

/// <summary>An image operation failed and left nothing half-done behind; the message says what.</summary>
public sealed class ImageException(ImageField field, string summary, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Where the failure points.</summary>
    public ImageField Field { get; } = field;

    /// <summary>A one-line summary (the diagnostic's title).</summary>
    public string Summary { get; } = summary;
}
