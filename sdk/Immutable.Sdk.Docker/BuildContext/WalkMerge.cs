namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Turns the listed directories into a <see cref="WalkedTree"/>: visits each directory's sorted children,
/// descending at each subtree record, which yields the kept paths in <see cref="PathOrder"/> with no global
/// sort, and writes every path as UTF-8 into one buffer (a child's path is its directory's, already in the
/// buffer, then '/', then its name). An excluded directory is kept only if something below it is (fsutil).
/// </summary>
internal static class WalkMerge
{
    public static WalkedTree Merge(WalkNode top)
    {
        var entries = 0;
        var merge = new Merger(Count(top, ref entries), entries);
        merge.Emit(top);
        var (starts, lengths) = merge.Positions();
        return new WalkedTree(merge.Paths, starts, lengths, merge.Items, merge.Directories, merge.Statted);
    }

    // Marks which directories are kept and returns how many path bytes the entries below need (at most), counting them.
    private static long Count(WalkNode node, ref int entries)
    {
        long bytes = 0;
        var kept = !node.Excluded;
        var prefix = node.RelativePath.Length == 0 ? 0 : System.Text.Encoding.UTF8.GetByteCount(node.RelativePath) + 1;
        foreach (var child in node.Children)
        {
            if (child.Subtree)
            {
                continue;
            }

            bytes += prefix + child.NameLength;
            entries++;
            if (child.IsDirectory)
            {
                var directory = node.Subdirectories![child.Index];
                bytes += Count(directory, ref entries);
                kept |= directory.Kept;
            }
            else
            {
                kept = true;
            }
        }

        node.Kept = kept;
        return bytes;
    }

    private sealed class Merger(long capacity, int entries)
    {
        public byte[] Paths { get; } = new byte[capacity];

        public List<WalkedItem> Items { get; } = new(entries);

        private int[] _starts = new int[entries];

        private int[] _lengths = new int[entries];

        public List<string> Directories { get; } = [];

        public Dictionary<int, FileStatus> Statted { get; } = [];

        private int _used;

        public void Emit(WalkNode node)
        {
            var directoryIndex = -1;
            foreach (var child in node.Children)
            {
                var directory = child.IsDirectory ? node.Subdirectories![child.Index] : null;
                if (directory is { Kept: false })
                {
                    continue;
                }

                if (child.Subtree)
                {
                    Emit(directory!);
                    continue;
                }

                var start = Append(node, child);
                var length = _used - start;
                if (directory is not null)
                {
                    directory.PathStart = start;
                    directory.PathLength = length;
                    Add(start, length, new WalkedItem(0, -1, true, false));
                    continue;
                }

                if (directoryIndex < 0)
                {
                    directoryIndex = Directories.Count;
                    Directories.Add(node.FullPath);
                }

                if (child.Index >= 0)
                {
                    Statted[Items.Count] = node.Statuses![child.Index];
                }

                Add(start, length, new WalkedItem(child.NameLength, directoryIndex, false, child.BuilderOnly));
            }

            // Listed and placed: the node's buffers are no longer needed.
            node.Names = [];
            node.Children = [];
            node.Statuses = null;
            node.Subdirectories = null;
        }

        /// <summary>The path positions of the items, trimmed to the items kept (excluded directories with nothing kept below were counted).</summary>
        public (int[] Starts, int[] Lengths) Positions()
        {
            if (_starts.Length != Items.Count)
            {
                Array.Resize(ref _starts, Items.Count);
                Array.Resize(ref _lengths, Items.Count);
            }

            return (_starts, _lengths);
        }

        private void Add(int start, int length, WalkedItem item)
        {
            _starts[Items.Count] = start;
            _lengths[Items.Count] = length;
            Items.Add(item);
        }

        private int Append(WalkNode node, WalkChild child)
        {
            var start = _used;
            if (node.PathLength > 0)
            {
                Paths.AsSpan(node.PathStart, node.PathLength).CopyTo(Paths.AsSpan(_used));
                _used += node.PathLength;
                Paths[_used++] = (byte)'/';
            }

            node.Names.AsSpan(child.NameStart, child.NameLength).CopyTo(Paths.AsSpan(_used));
            _used += child.NameLength;
            return start;
        }
    }
}
