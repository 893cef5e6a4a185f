namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// A kept path from the walk: its UTF-8 bytes in <see cref="WalkedTree.Paths"/> (the last
/// <see cref="NameLength"/> of them are its name), and for a non-directory the index of its directory in
/// <see cref="WalkedTree.Directories"/>.
/// </summary>
internal readonly record struct WalkedItem(int PathStart, int PathLength, int NameLength, int Directory, bool IsDirectory, bool BuilderOnly);

/// <summary>
/// What the walk kept, already in <see cref="PathOrder"/> (the byte order of the UTF-8 paths), with the
/// paths laid out in that order in one buffer.
/// </summary>
internal sealed class WalkedTree(byte[] paths, List<WalkedItem> items, List<string> directories, Dictionary<int, FileStatus> statted)
{
    /// <summary>Every kept path, UTF-8, relative to the root with forward slashes.</summary>
    public byte[] Paths { get; } = paths;

    /// <summary>The kept entries in path order.</summary>
    public List<WalkedItem> Items { get; } = items;

    /// <summary>The absolute path of each directory that holds kept entries.</summary>
    public List<string> Directories { get; } = directories;

    /// <summary>The status of items the walk already had to <c>lstat</c> (names whose d_type said directory), by item index.</summary>
    public Dictionary<int, FileStatus> Statted { get; } = statted;

    public ReadOnlySpan<byte> Path(int item) => Paths.AsSpan(Items[item].PathStart, Items[item].PathLength);
}
