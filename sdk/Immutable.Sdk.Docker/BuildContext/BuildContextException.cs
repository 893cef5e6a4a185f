namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>Why a build context could not be read, so a caller can word a diagnostic.</summary>
public enum BuildContextErrorReason
{
    /// <summary>The context directory does not exist.</summary>
    ContextNotFound,

    /// <summary>The context path exists but is not a directory.</summary>
    ContextNotADirectory,

    /// <summary>The Dockerfile does not exist inside the context.</summary>
    DockerfileNotFound,

    /// <summary>The Dockerfile path (or the file a symlink leads to) lies outside the context.</summary>
    DockerfileOutsideContext,

    /// <summary>The Dockerfile path names a directory or a special file.</summary>
    DockerfileNotAFile,

    /// <summary>The .dockerignore file cannot be read or holds a pattern Docker rejects (or this library cannot reproduce).</summary>
    InvalidDockerignore,

    /// <summary>A symlink in the context points to an absolute path or above the context root.</summary>
    SymlinkEscapesContext,

    /// <summary>A file or directory that belongs to the context cannot be read.</summary>
    UnreadableEntry,

    /// <summary>A socket, FIFO or device node would be sent; Docker cannot use them.</summary>
    UnsupportedFileType,

    /// <summary>A file changed between planning (the digest) and sending the tar.</summary>
    ContextChanged,
}

/// <summary>Which user-facing input an error should be attached to.</summary>
public enum BuildInputField
{
    /// <summary>The context directory (and everything in it, including .dockerignore).</summary>
    Context,

    /// <summary>The Dockerfile path.</summary>
    Dockerfile,
}

/// <summary>
/// A build context that cannot be turned into a digest or a tar. Carries the reason, the offending
/// path and the input it concerns so a resource can report a Terraform diagnostic on the right attribute.
/// </summary>
public sealed class BuildContextException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The category of the failure.</param>
    /// <param name="field">The input the diagnostic belongs to.</param>
    /// <param name="path">The offending path: relative to the context (forward slashes) when inside it, else absolute.</param>
    /// <param name="message">A sentence for the user.</param>
    /// <param name="inner">The underlying I/O error, if any.</param>
    public BuildContextException(BuildContextErrorReason reason, BuildInputField field, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        Field = field;
        Path = path;
    }

    /// <summary>The category of the failure.</summary>
    public BuildContextErrorReason Reason { get; }

    /// <summary>The input the diagnostic belongs to (the <c>context</c> or the <c>dockerfile</c> attribute).</summary>
    public BuildInputField Field { get; }

    /// <summary>The offending path: relative to the context (forward slashes) when inside it, else absolute.</summary>
    public string Path { get; }
}
