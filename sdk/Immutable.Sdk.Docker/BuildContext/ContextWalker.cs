namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Enumerates what a build context sends, applying the ignore rules the way BuildKit's fsutil walk does:
/// each entry is matched with its parent directory's per-pattern results; an excluded directory is skipped
/// unless an exception could re-include something below it, and then only the entries that end up
/// included are kept, with the directories above them. Paths listed as forced (the Dockerfile and the
/// .dockerignore file) are always kept.
/// <para>
/// The walk reads names and d_type only (<c>getdents</c>), one directory per work item on every core
/// (<see cref="DirectoryListing"/>); each directory sorts its own children, and <see cref="WalkMerge"/> lays
/// the kept paths out as UTF-8 in one buffer in path order. Stat calls and hashing happen afterwards in
/// <see cref="ContextReader"/>, on all cores, relative to each directory's descriptor.
/// </para>
/// </summary>
internal static class ContextWalker
{
    /// <summary>Walks <paramref name="root"/> (an absolute directory path) with up to <paramref name="workers"/> threads.</summary>
    /// <exception cref="BuildContextException">A directory cannot be read.</exception>
    public static WalkedTree Walk(string root, DockerIgnore ignore, IReadOnlyCollection<string> forced, int workers, CancellationToken cancellation)
    {
        var forcedAncestors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in forced)
        {
            for (var dir = GoPath.Dir(path); dir != "."; dir = GoPath.Dir(dir))
            {
                forcedAncestors.Add(dir);
            }
        }

        var listing = new DirectoryListing(ignore, new HashSet<string>(forced, StringComparer.Ordinal), forcedAncestors);
        var top = new WalkNode(root, string.Empty, [], excluded: false);
        WalkPool.Run(top, Math.Max(1, workers), listing.List, cancellation);
        return WalkMerge.Merge(top);
    }

    /// <summary>The kind a non-directory entry is sent as, or the error that keeps it out.</summary>
    /// <exception cref="BuildContextException">It became a directory, or it is a socket, FIFO or device.</exception>
    public static ContextEntryKind Describe(ReadOnlySpan<byte> utf8Path, FileStatus status)
    {
        switch (status.Kind)
        {
            case FileKind.Regular:
                return ContextEntryKind.File;
            case FileKind.Symlink:
                return ContextEntryKind.Symlink;
            case FileKind.Directory:
            {
                // It turned into a directory between listing and stat: the tree is changing under us.
                var path = System.Text.Encoding.UTF8.GetString(utf8Path);
                throw new BuildContextException(
                    BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, path, $"'{path}' changed while the build context was being read");
            }

            default:
            {
                var path = System.Text.Encoding.UTF8.GetString(utf8Path);
                throw new BuildContextException(
                    BuildContextErrorReason.UnsupportedFileType,
                    BuildInputField.Context,
                    path,
                    $"'{path}' is a socket, FIFO or device, which cannot be part of a build context; add it to .dockerignore");
            }
        }
    }

    /// <summary><c>lstat</c> of a listed name, as a context error when it fails.</summary>
    /// <exception cref="BuildContextException">It cannot be examined.</exception>
    public static FileStatus Stat(string directory, string name, string path)
    {
        try
        {
            return FileStatus.Lstat(directory, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>Reads a symlink's target and checks it stays inside the context.</summary>
    /// <exception cref="BuildContextException">It cannot be read, or it leads outside the context.</exception>
    public static string ReadLink(string fullPath, string path)
    {
        string? target;
        try
        {
            target = new FileInfo(fullPath).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e);
        }

        if (target is null)
        {
            throw new BuildContextException(
                BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, path, $"'{path}' changed while the build context was being read");
        }

        var slashed = GoPath.ToSlash(target);
        if (slashed.StartsWith('/') || Path.IsPathRooted(target))
        {
            throw Escapes(path, target, "an absolute path");
        }

        if (GoPath.EscapesBase(GoPath.Clean(GoPath.Dir(path) + "/" + slashed)))
        {
            throw Escapes(path, target, "a path above the context root");
        }

        return slashed;
    }

    private static BuildContextException Escapes(string path, string target, string what) =>
        new(
            BuildContextErrorReason.SymlinkEscapesContext,
            BuildInputField.Context,
            path,
            $"symlink '{path}' points to {what} ('{target}'); the builder only sees the context, so the link would dangle. " +
            "Replace it with the file, or add it to .dockerignore");

    public static BuildContextException Unreadable(string path, Exception e) =>
        new(BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, path, $"cannot read '{path}' in the build context: {e.Message}", e);
}
