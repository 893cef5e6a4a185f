using System.IO.Enumeration;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>An entry found by the walk, before its content is hashed.</summary>
internal sealed record WalkedEntry(string Path, ContextEntryKind Kind, FileStatus Status, string? LinkTarget, bool BuilderOnly);

/// <summary>
/// Enumerates what a build context sends, applying the ignore rules the way BuildKit's fsutil walk does:
/// each entry is matched with its parent directory's per-pattern results; an excluded directory is skipped
/// unless an exception could re-include something below it, and then only the entries that end up
/// included are kept, with the directories above them. Paths listed as forced (the Dockerfile and the
/// .dockerignore file) are always kept. Entries come back in <see cref="PathOrder"/>.
/// <para>
/// Two phases, for speed on a warm re-plan where stat calls are most of the cost: the directory tree is
/// read in one thread (names and d_type only), then the kept non-directories are <c>lstat</c>-ed in parallel.
/// </para>
/// </summary>
internal static class ContextWalker
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Walks <paramref name="root"/> (an absolute directory path).</summary>
    /// <exception cref="BuildContextException">An entry cannot be read, is a special file, or is a symlink leading outside.</exception>
    public static List<WalkedEntry> Walk(string root, DockerIgnore ignore, IReadOnlyCollection<string> forced, int parallelism, CancellationToken cancellation)
    {
        var forcedAncestors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in forced)
        {
            for (var dir = GoPath.Dir(path); dir != "."; dir = GoPath.Dir(dir))
            {
                forcedAncestors.Add(dir);
            }
        }

        var walker = new Walker(ignore, new HashSet<string>(forced, StringComparer.Ordinal), forcedAncestors, cancellation);
        walker.Directory(root, string.Empty, []);
        var found = walker.Found;

        // Phase two: lstat every kept non-directory; errors are reported for the first path in order.
        var entries = new WalkedEntry[found.Count];
        var errors = new BuildContextException?[found.Count];
        Parallel.For(
            0,
            found.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation },
            i =>
            {
                var item = found[i];
                try
                {
                    entries[i] = item.IsDirectory
                        ? new WalkedEntry(item.Path, ContextEntryKind.Directory, default, null, false)
                        : Describe(item.Directory!, item.Name!, item.Path, item.Status ?? Stat(item.Directory!, item.Name!, item.Path), item.BuilderOnly);
                }
                catch (BuildContextException e)
                {
                    errors[i] = e;
                }
            });

        var result = new List<WalkedEntry>(entries.Length);
        BuildContextException? first = null;
        for (var i = 0; i < entries.Length; i++)
        {
            if (errors[i] is { } error)
            {
                if (first is null || PathOrder.Instance.Compare(error.Path, first.Path) < 0)
                {
                    first = error;
                }
            }
            else
            {
                result.Add(entries[i]);
            }
        }

        if (first is not null)
        {
            throw first;
        }

        result.Sort((a, b) => PathOrder.Instance.Compare(a.Path, b.Path));
        return result;
    }

    private static WalkedEntry Describe(string directory, string name, string path, FileStatus status, bool builderOnly)
    {
        switch (status.Kind)
        {
            case FileKind.Regular:
                return new WalkedEntry(path, ContextEntryKind.File, status, null, builderOnly);
            case FileKind.Symlink:
                return new WalkedEntry(path, ContextEntryKind.Symlink, status, ReadLink(Path.Join(directory, name), path), builderOnly);
            case FileKind.Directory:
                // It turned into a directory between listing and stat: the tree is changing under us.
                throw new BuildContextException(
                    BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, path, $"'{path}' changed while the build context was being read");
            default:
                throw new BuildContextException(
                    BuildContextErrorReason.UnsupportedFileType,
                    BuildInputField.Context,
                    path,
                    $"'{path}' is a socket, FIFO or device, which cannot be part of a build context; add it to .dockerignore");
        }
    }

    private static FileStatus Stat(string directory, string name, string path)
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

    private static string ReadLink(string fullPath, string path)
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

    private static BuildContextException Unreadable(string path, Exception e) =>
        new(BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, path, $"cannot read '{path}' in the build context: {e.Message}", e);

    /// <summary>A kept path from phase one: a directory, or a non-directory (in <c>Directory</c>, called <c>Name</c>) still to be examined.</summary>
    private readonly record struct Found(string Path, bool IsDirectory, string? Directory, string? Name, FileStatus? Status, bool BuilderOnly);

    private sealed class Walker(DockerIgnore ignore, HashSet<string> forced, HashSet<string> forcedAncestors, CancellationToken cancellation)
    {
        // Directories on the way down that were excluded but entered: kept only if something below is kept.
        private readonly List<(string Path, bool Kept)> _pending = [];

        public List<Found> Found { get; } = [];

        public void Directory(string fullPath, string relativePath, bool[] parentMatched)
        {
            cancellation.ThrowIfCancellationRequested();
            var excludedHere = _pending.Count > 0 && !_pending[^1].Kept;
            List<(string Name, bool MaybeDirectory)> children;
            try
            {
                // Only the name and d_type: asking for attributes would cost a stat per entry.
                children = [.. new FileSystemEnumerable<(string, bool)>(
                    fullPath,
                    (ref entry) => (entry.FileName.ToString(), entry.IsDirectory),
                    ListOptions)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // BuildKit ignores a permission error on an excluded directory it only looked into.
                if (excludedHere && e is UnauthorizedAccessException)
                {
                    return;
                }

                throw Unreadable(relativePath.Length == 0 ? "." : relativePath, e);
            }

            foreach (var (name, maybeDirectory) in children)
            {
                var path = relativePath.Length == 0 ? name : relativePath + "/" + name;
                // d_type follows symlinks to directories; lstat settles it (a link is never entered).
                FileStatus? status = maybeDirectory ? Stat(fullPath, name, path) : null;
                if (status is { Kind: FileKind.Directory })
                {
                    var matched = new bool[ignore.Count];
                    var excluded = ignore.Match(path, parentMatched, matched);
                    if (excluded && !forcedAncestors.Contains(path) && ignore.CanSkipExcludedDirectory(path))
                    {
                        continue;
                    }

                    _pending.Add((path, false));
                    if (!excluded)
                    {
                        KeepPending();
                    }

                    Directory(Path.Join(fullPath, name), path, matched);
                    _pending.RemoveAt(_pending.Count - 1);
                }
                else
                {
                    var excluded = ignore.Match(path, parentMatched, default);
                    if (excluded && !forced.Contains(path))
                    {
                        continue;
                    }

                    KeepPending();
                    Found.Add(new Found(path, false, fullPath, name, status, excluded));
                }
            }
        }

        private void KeepPending()
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                if (!_pending[i].Kept)
                {
                    _pending[i] = (_pending[i].Path, true);
                    Found.Add(new Found(_pending[i].Path, true, null, null, null, false));
                }
            }
        }
    }
}
