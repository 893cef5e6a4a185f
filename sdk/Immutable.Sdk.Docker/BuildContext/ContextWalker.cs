using System.IO.Enumeration;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// A kept path from the walk: its UTF-8 bytes in <see cref="WalkedTree.Paths"/> (the last
/// <see cref="NameLength"/> of them are its name), and for a non-directory the index of its directory in
/// <see cref="WalkedTree.Directories"/>.
/// </summary>
internal readonly record struct WalkedItem(int PathStart, int PathLength, int NameLength, int Directory, bool IsDirectory, bool BuilderOnly);

/// <summary>What the walk kept, in listing order; <see cref="SortedOrder"/> gives <see cref="PathOrder"/>.</summary>
internal sealed class WalkedTree(byte[] paths, List<WalkedItem> items, List<string> directories, Dictionary<int, FileStatus> statted)
{
    /// <summary>Every kept path, UTF-8, relative to the root with forward slashes.</summary>
    public byte[] Paths { get; } = paths;

    public List<WalkedItem> Items { get; } = items;

    /// <summary>The absolute path of each directory that holds kept entries.</summary>
    public List<string> Directories { get; } = directories;

    /// <summary>The status of items the walk already had to <c>lstat</c> (names whose d_type said directory), by item index.</summary>
    public Dictionary<int, FileStatus> Statted { get; } = statted;

    public ReadOnlySpan<byte> Path(int item) => Paths.AsSpan(Items[item].PathStart, Items[item].PathLength);

    /// <summary>Item indices in code-point order of their paths, which is the byte order of their UTF-8.</summary>
    public int[] SortedOrder()
    {
        var order = new int[Items.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new ByPath(this));
        return order;
    }

    private sealed class ByPath(WalkedTree tree) : IComparer<int>
    {
        public int Compare(int x, int y) => tree.Path(x).SequenceCompareTo(tree.Path(y));
    }
}

/// <summary>
/// Enumerates what a build context sends, applying the ignore rules the way BuildKit's fsutil walk does:
/// each entry is matched with its parent directory's per-pattern results; an excluded directory is skipped
/// unless an exception could re-include something below it, and then only the entries that end up
/// included are kept, with the directories above them. Paths listed as forced (the Dockerfile and the
/// .dockerignore file) are always kept.
/// <para>
/// The walk reads names and d_type only (one thread, <c>getdents</c>); it writes each path as UTF-8 into one
/// buffer and keeps no string per file. Stat calls and hashing happen afterwards in <see cref="ContextReader"/>,
/// on all cores, relative to each directory's descriptor.
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
    /// <exception cref="BuildContextException">A directory cannot be read.</exception>
    public static WalkedTree Walk(string root, DockerIgnore ignore, IReadOnlyCollection<string> forced, CancellationToken cancellation)
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
        walker.Directory(root, string.Empty, 0, 0, []);
        return walker.Result();
    }

    /// <summary>The kind a non-directory entry is sent as, or the error that keeps it out.</summary>
    /// <exception cref="BuildContextException">It became a directory, or it is a socket, FIFO or device.</exception>
    public static ContextEntryKind Describe(string path, FileStatus status)
    {
        switch (status.Kind)
        {
            case FileKind.Regular:
                return ContextEntryKind.File;
            case FileKind.Symlink:
                return ContextEntryKind.Symlink;
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

    private sealed class Walker(DockerIgnore ignore, HashSet<string> forced, HashSet<string> forcedAncestors, CancellationToken cancellation)
    {
        // Directories on the way down that were excluded but entered: kept only if something below is kept.
        private readonly List<(int Start, int Length, bool Kept)> _pending = [];
        private readonly List<WalkedItem> _items = [];
        private readonly List<string> _directories = [];
        private readonly Dictionary<int, FileStatus> _statted = [];
        private byte[] _paths = new byte[64 * 1024];
        private int _used;

        public WalkedTree Result() => new(_paths, _items, _directories, _statted);

        /// <param name="fullPath">The directory's absolute path.</param>
        /// <param name="relativePath">Its path relative to the root ("" for the root), for the ignore rules.</param>
        /// <param name="pathStart">Where its relative path's UTF-8 starts in the buffer.</param>
        /// <param name="pathLength">That path's byte count (0 for the root).</param>
        /// <param name="parentMatched">Its own per-pattern results, for its children.</param>
        public void Directory(string fullPath, string relativePath, int pathStart, int pathLength, bool[] parentMatched)
        {
            cancellation.ThrowIfCancellationRequested();
            var excludedHere = _pending.Count > 0 && !_pending[^1].Kept;
            var directoryIndex = -1;
            List<Child> children;
            try
            {
                // Only the name and d_type (asking for attributes would cost a stat per entry); each child's
                // path goes straight into the buffer as UTF-8.
                children = [.. new FileSystemEnumerable<Child>(
                    fullPath,
                    (ref entry) => Append(pathStart, pathLength, entry.FileName, entry.IsDirectory),
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

            foreach (var child in children)
            {
                var bytes = _paths.AsSpan(child.Start, child.Length);
                var nameBytes = bytes[^child.NameLength..];
                // A string only where something needs one: the ignore rules, a directory, an error.
                var path = ignore.Count > 0 || child.MaybeDirectory ? Encoding.UTF8.GetString(bytes) : null;
                FileStatus? status = null;
                if (child.MaybeDirectory)
                {
                    // d_type follows symlinks to directories; lstat settles it (a link is never entered).
                    var name = Encoding.UTF8.GetString(nameBytes);
                    status = Stat(fullPath, name, path!);
                    if (status is { Kind: FileKind.Directory })
                    {
                        var matched = new bool[ignore.Count];
                        var excluded = ignore.Match(path!, parentMatched, matched);
                        if (excluded && !forcedAncestors.Contains(path!) && ignore.CanSkipExcludedDirectory(path!))
                        {
                            continue;
                        }

                        _pending.Add((child.Start, child.Length, false));
                        if (!excluded)
                        {
                            KeepPending();
                        }

                        Directory(Path.Join(fullPath, name), path!, child.Start, child.Length, matched);
                        _pending.RemoveAt(_pending.Count - 1);
                        continue;
                    }
                }

                var excludedFile = path is not null && ignore.Match(path, parentMatched, default);
                if (excludedFile && !forced.Contains(path!))
                {
                    continue;
                }

                KeepPending();
                if (directoryIndex < 0)
                {
                    directoryIndex = _directories.Count;
                    _directories.Add(fullPath);
                }

                if (status is { } known)
                {
                    _statted[_items.Count] = known;
                }

                _items.Add(new WalkedItem(child.Start, child.Length, child.NameLength, directoryIndex, false, excludedFile));
            }
        }

        private Child Append(int parentStart, int parentLength, ReadOnlySpan<char> name, bool maybeDirectory)
        {
            var needed = parentLength + 1 + Encoding.UTF8.GetMaxByteCount(name.Length);
            if (_used + needed > _paths.Length)
            {
                Array.Resize(ref _paths, Math.Max(_paths.Length * 2, _used + needed));
            }

            var start = _used;
            if (parentLength > 0)
            {
                _paths.AsSpan(parentStart, parentLength).CopyTo(_paths.AsSpan(_used));
                _used += parentLength;
                _paths[_used++] = (byte)'/';
            }

            var nameLength = Encoding.UTF8.GetBytes(name, _paths.AsSpan(_used));
            _used += nameLength;
            return new Child(start, _used - start, nameLength, maybeDirectory);
        }

        private void KeepPending()
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                if (!_pending[i].Kept)
                {
                    var (start, length, _) = _pending[i];
                    _pending[i] = (start, length, true);
                    _items.Add(new WalkedItem(start, length, 0, -1, true, false));
                }
            }
        }

        /// <summary>A listed name: its full relative path in the buffer, and whether d_type said directory.</summary>
        private readonly record struct Child(int Start, int Length, int NameLength, bool MaybeDirectory);
    }
}
