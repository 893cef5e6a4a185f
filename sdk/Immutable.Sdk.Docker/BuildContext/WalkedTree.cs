namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// A kept path from the walk (its bytes are <see cref="WalkedTree.Path"/>; the last <see cref="NameLength"/>
/// of them are its name), and for a non-directory the index of its directory in <see cref="WalkedTree.Directories"/>.
/// </summary>
internal readonly record struct WalkedItem(int NameLength, int Directory, bool IsDirectory, bool BuilderOnly);

/// <summary>
/// What the walk kept, already in <see cref="PathOrder"/> (the byte order of the UTF-8 paths), with the
/// paths laid out in that order in one buffer.
/// </summary>
internal sealed class WalkedTree(byte[] paths, int[] starts, int[] lengths, List<WalkedItem> items, List<string> directories, Dictionary<int, FileStatus> statted)
{
    /// <summary>Every kept path, UTF-8, relative to the root with forward slashes.</summary>
    public byte[] Paths { get; } = paths;

    /// <summary>Where each item's path starts in <see cref="Paths"/> (the scan's table keeps these arrays).</summary>
    public int[] Starts { get; } = starts;

    public int[] Lengths { get; } = lengths;

    /// <summary>The kept entries in path order.</summary>
    public List<WalkedItem> Items { get; } = items;

    /// <summary>The absolute path of each directory that holds kept entries.</summary>
    public List<string> Directories { get; } = directories;

    /// <summary>The status of items the walk already had to <c>lstat</c> (names whose d_type said directory), by item index.</summary>
    public Dictionary<int, FileStatus> Statted { get; } = statted;

    public ReadOnlySpan<byte> Path(int item) => Paths.AsSpan(Starts[item], Lengths[item]);
}
