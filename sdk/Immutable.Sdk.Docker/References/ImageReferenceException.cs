namespace Immutable.Sdk.Docker.References;

/// <summary>Which part of a text keeps it from being the reference the caller asked for.</summary>
public enum ImageReferenceProblem
{
    /// <summary>Not an image reference at all (name, tag or digest breaks the grammar).</summary>
    Malformed,

    /// <summary>A repository was asked for, and the text carries a tag.</summary>
    HasTag,

    /// <summary>A repository was asked for, and the text carries a digest.</summary>
    HasDigest,
}

/// <summary>A text is not the image reference it was meant to be.</summary>
public sealed class ImageReferenceException(ImageReferenceProblem problem, string message) : FormatException(message)
{
    /// <summary>What is wrong.</summary>
    public ImageReferenceProblem Problem { get; } = problem;
}
