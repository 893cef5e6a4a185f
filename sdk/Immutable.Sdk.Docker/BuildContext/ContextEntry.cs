namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>The three kinds of entry a build context may hold.</summary>
public enum ContextEntryKind
{
    /// <summary>A directory (sent so that empty directories survive).</summary>
    Directory,

    /// <summary>A regular file.</summary>
    File,

    /// <summary>A symbolic link, sent as a link (its target stays inside the context).</summary>
    Symlink,
}

/// <summary>One entry of a build context as it is digested and sent.</summary>
public sealed record ContextEntry
{
    /// <summary>The path relative to the context root, with forward slashes and no trailing slash.</summary>
    public required string Path { get; init; }

    /// <summary>Directory, file or symlink.</summary>
    public required ContextEntryKind Kind { get; init; }

    /// <summary>
    /// The permission bits written to the tar: 0755 for directories and for files whose owner-execute bit
    /// is set, 0644 for other files, 0777 for symlinks. Nothing else of the host mode is kept.
    /// </summary>
    public required int Mode { get; init; }

    /// <summary>The file size in bytes (0 for directories and symlinks).</summary>
    public long Size { get; init; }

    /// <summary>The symlink target exactly as stored in the link.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>The file content hash, <c>sha256:</c> and lowercase hex.</summary>
    public string? ContentHash { get; init; }

    /// <summary>
    /// True for the Dockerfile or the .dockerignore file when the ignore rules exclude them: they are still
    /// sent because the builder reads them, and the builder then leaves them out of <c>COPY</c>/<c>ADD</c>.
    /// </summary>
    public bool BuilderOnly { get; init; }
}
