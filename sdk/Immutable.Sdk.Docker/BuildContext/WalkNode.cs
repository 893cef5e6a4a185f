namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// One directory of the walk: what its listing kept, as UTF-8 names back to back and child records sorted
/// so that visiting them in order, descending into each subtree record, yields the paths in
/// <see cref="PathOrder"/>. A worker fills it; the merge reads it once and then drops it.
/// </summary>
internal sealed class WalkNode(string fullPath, string relativePath, bool[] matched, bool excluded)
{
    /// <summary>The directory's absolute path.</summary>
    public string FullPath { get; } = fullPath;

    /// <summary>Its path relative to the root ("" for the root), for the ignore rules and errors.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>Its own per-pattern ignore results, which its children start from.</summary>
    public bool[] Matched { get; } = matched;

    /// <summary>Whether the ignore rules exclude it (it is then kept only if something below it is).</summary>
    public bool Excluded { get; } = excluded;

    public byte[] Names { get; set; } = [];

    public WalkChild[] Children { get; set; } = [];

    /// <summary>Statuses the listing had to <c>lstat</c> for names that d_type called directories but were not.</summary>
    public List<FileStatus>? Statuses { get; set; }

    /// <summary>The subdirectories it enters, referred to by <see cref="WalkChild.Index"/>.</summary>
    public List<WalkNode>? Subdirectories { get; set; }

    /// <summary>Set by the merge: whether it is sent (not excluded, or something below it is).</summary>
    public bool Kept { get; set; }

    /// <summary>Set by the merge: where its relative path lies in the final path buffer.</summary>
    public int PathStart { get; set; }

    public int PathLength { get; set; }
}

/// <summary>
/// A kept child of a <see cref="WalkNode"/>, 12 bytes. A subdirectory has two records: its own entry (sorted
/// by its name) and its subtree (sorted by its name plus '/', the position of every path below it).
/// <see cref="Index"/> is the subdirectory's place in <see cref="WalkNode.Subdirectories"/>, or for a file
/// the place of its status in <see cref="WalkNode.Statuses"/> (-1 when the walk did not stat it).
/// </summary>
internal readonly struct WalkChild(int nameStart, int nameLength, byte flags, int index)
{
    public const byte BuilderOnlyFlag = 1;
    public const byte DirectoryFlag = 2;
    public const byte SubtreeFlag = 4;

    // Field order is layout order: 4 + 2 + 1 (+1) + 4 bytes.
    public int NameStart { get; } = nameStart;

    private readonly ushort _nameLength = checked((ushort)nameLength);

    public byte Flags { get; } = flags;

    public int NameLength => _nameLength;

    public int Index { get; } = index;

    public bool BuilderOnly => (Flags & BuilderOnlyFlag) != 0;

    public bool IsDirectory => (Flags & DirectoryFlag) != 0;

    public bool Subtree => (Flags & SubtreeFlag) != 0;

    /// <summary>Orders one directory's child records by the full path bytes they stand for.</summary>
    public sealed class Order(byte[] names) : IComparer<WalkChild>
    {
        public int Compare(WalkChild x, WalkChild y)
        {
            var a = names.AsSpan(x.NameStart, x.NameLength);
            var b = names.AsSpan(y.NameStart, y.NameLength);
            var common = Math.Min(a.Length, b.Length);
            var order = a[..common].SequenceCompareTo(b[..common]);
            if (order != 0)
            {
                return order;
            }

            // Past the common prefix: the next byte, or '/' for a subtree that ends here, or nothing.
            var nextA = a.Length > common ? a[common] : x.Subtree ? '/' : -1;
            var nextB = b.Length > common ? b[common] : y.Subtree ? '/' : -1;
            return nextA.CompareTo(nextB);
        }
    }
}
