using System.IO.Enumeration;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Lists one directory of the walk (any thread): reads names and d_type, applies the ignore rules with the
/// directory's per-pattern results, hands each subdirectory to enter back to the pool, and leaves the kept
/// children sorted in the node. Thread-safe: it only reads its shared state.
/// </summary>
internal sealed class DirectoryListing(DockerIgnore ignore, HashSet<string> forced, HashSet<string> forcedAncestors)
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    // Scratch reused from directory to directory on each thread; a node keeps exact-size copies.
    [ThreadStatic]
    private static List<WalkChild>? t_children;

    [ThreadStatic]
    private static Names? t_names;

    /// <exception cref="BuildContextException">The directory, or an entry in it, cannot be read.</exception>
    public void List(WalkNode node, Action<WalkNode> enter)
    {
        var names = t_names ??= new Names();
        names.Clear();
        var prefix = node.RelativePath.Length == 0 ? 0 : node.RelativePath.Length + 1;
        // A path string per child only where the ignore rules could say something about it.
        var match = ignore.Count > 0 && (node.Matched.Contains(true) || ignore.MayMatchChildOf(node.RelativePath));
        var children = t_children ??= [];
        children.Clear();
        try
        {
            // Only the name and d_type (asking for attributes would cost a stat per entry).
            var listing = new FileSystemEnumerable<Listed>(
                node.FullPath,
                (ref entry) => new Listed(
                    names.Append(entry.FileName),
                    match || entry.IsDirectory ? RelativePath(node.RelativePath, entry.FileName) : null,
                    entry.IsDirectory),
                ListOptions);
            foreach (var listed in listing)
            {
                Keep(node, listed, prefix, match, children, enter);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // BuildKit ignores a permission error on an excluded directory it only looked into.
            if (node.Excluded && e is UnauthorizedAccessException)
            {
                return;
            }

            throw ContextWalker.Unreadable(node.RelativePath.Length == 0 ? "." : node.RelativePath, e);
        }

        var sorted = children.ToArray();
        node.Names = names.Bytes.AsSpan(0, names.Used).ToArray();
        Array.Sort(sorted, new WalkChild.Order(node.Names));
        node.Children = sorted;
    }

    // Applies the ignore rules to one listed name; only throws BuildContextException.
    private void Keep(WalkNode node, Listed listed, int prefix, bool match, List<WalkChild> children, Action<WalkNode> enter)
    {
        var (name, path, maybeDirectory) = listed;
        var statusIndex = -1;
        if (maybeDirectory)
        {
            // d_type follows symlinks to directories; lstat settles it (a link is never entered).
            var status = ContextWalker.Stat(node.FullPath, path![prefix..], path);
            if (status.Kind == FileKind.Directory)
            {
                var matched = new bool[ignore.Count];
                var excluded = match && ignore.Match(path, node.Matched, matched);
                if (excluded && !forcedAncestors.Contains(path) && ignore.CanSkipExcludedDirectory(path))
                {
                    return;
                }

                var directory = new WalkNode(Path.Join(node.FullPath, path.AsSpan(prefix)), path, matched, excluded);
                node.Subdirectories ??= [];
                children.Add(new WalkChild(name.Start, name.Length, WalkChild.DirectoryFlag, node.Subdirectories.Count));
                children.Add(new WalkChild(name.Start, name.Length, WalkChild.DirectoryFlag | WalkChild.SubtreeFlag, node.Subdirectories.Count));
                node.Subdirectories.Add(directory);
                enter(directory);
                return;
            }

            node.Statuses ??= [];
            statusIndex = node.Statuses.Count;
            node.Statuses.Add(status);
        }

        var excludedFile = match && ignore.Match(path!, node.Matched, default);
        if (excludedFile && !forced.Contains(path!))
        {
            return;
        }

        children.Add(new WalkChild(name.Start, name.Length, excludedFile ? WalkChild.BuilderOnlyFlag : (byte)0, statusIndex));
    }

    private static string RelativePath(string directory, ReadOnlySpan<char> name) =>
        directory.Length == 0 ? name.ToString() : string.Concat(directory, "/", name);

    /// <summary>A listed name: where its UTF-8 lies in the node's buffer, its relative path if needed, and whether d_type said directory.</summary>
    private readonly record struct Listed(NameSlot Name, string? Path, bool MaybeDirectory);

    private readonly record struct NameSlot(int Start, int Length);

    /// <summary>A directory's child names as UTF-8, back to back.</summary>
    private sealed class Names
    {
        private int _used;

        public byte[] Bytes { get; private set; } = new byte[4096];

        public int Used => _used;

        public void Clear() => _used = 0;

        public NameSlot Append(ReadOnlySpan<char> name)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(name.Length);
            if (_used + needed > Bytes.Length)
            {
                var grown = Bytes;
                Array.Resize(ref grown, Math.Max(Bytes.Length * 2, _used + needed));
                Bytes = grown;
            }

            var start = _used;
            _used += Encoding.UTF8.GetBytes(name, Bytes.AsSpan(_used));
            return new NameSlot(start, _used - start);
        }
    }
}
