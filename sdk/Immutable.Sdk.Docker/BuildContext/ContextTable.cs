using System.Collections;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// The entries of a scanned context in <see cref="PathOrder"/>, stored compactly: every relative path as
/// UTF-8 in one buffer, and per entry a flags byte, a size and a fixed 32-byte SHA-256 slot, instead of
/// an object, a path string and a hex string per file (about 60 bytes per entry against ~400).
/// <see cref="ContextEntry"/> objects are made on demand, one per access, for callers that want them.
/// </summary>
internal sealed class ContextTable : IReadOnlyList<ContextEntry>
{
    private const byte KindMask = 0b11;
    private const byte BuilderOnlyFlag = 0b100;
    private const byte ExecutableFlag = 0b1000;

    private readonly byte[] _paths;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly byte[] _flags;
    private readonly long[] _sizes;
    private readonly byte[] _digests;
    private readonly Dictionary<int, string> _linkTargets;

    public ContextTable(byte[] paths, int[] starts, int[] lengths, byte[] flags, long[] sizes, byte[] digests, Dictionary<int, string> linkTargets)
    {
        _paths = paths;
        _starts = starts;
        _lengths = lengths;
        _flags = flags;
        _sizes = sizes;
        _digests = digests;
        _linkTargets = linkTargets;
    }

    public int Count => _starts.Length;

    public ContextEntry this[int index] => new()
    {
        Path = PathString(index),
        Kind = Kind(index),
        Mode = Mode(index),
        Size = _sizes[index],
        LinkTarget = LinkTarget(index),
        ContentHash = Kind(index) == ContextEntryKind.File ? FileHashCacheFormat.ToDigest(Digest(index)) : null,
        BuilderOnly = IsBuilderOnly(index),
    };

    /// <summary>The flags byte for an entry: its kind, whether it is builder-only, whether its owner may execute it.</summary>
    public static byte Flags(ContextEntryKind kind, bool builderOnly, bool executable) =>
        (byte)((byte)kind | (builderOnly ? BuilderOnlyFlag : 0) | (executable ? ExecutableFlag : 0));

    public ReadOnlySpan<byte> Path(int index) => _paths.AsSpan(_starts[index], _lengths[index]);

    public string PathString(int index) => Encoding.UTF8.GetString(Path(index));

    public ContextEntryKind Kind(int index) => (ContextEntryKind)(_flags[index] & KindMask);

    public bool IsBuilderOnly(int index) => (_flags[index] & BuilderOnlyFlag) != 0;

    /// <summary>The normalized mode (see <see cref="ContextScanner.NormalizedMode"/>).</summary>
    public int Mode(int index) => ContextScanner.NormalizedMode(Kind(index), (_flags[index] & ExecutableFlag) != 0 ? 0b001_000_000 : 0);

    public long Size(int index) => _sizes[index];

    /// <summary>The raw SHA-256 of a file's content.</summary>
    public ReadOnlySpan<byte> Digest(int index) => _digests.AsSpan(index * 32, 32);

    public string? LinkTarget(int index) => _linkTargets.GetValueOrDefault(index);

    public long TotalSize()
    {
        long total = 0;
        foreach (var size in _sizes)
        {
            total += size;
        }

        return total;
    }

    public IEnumerator<ContextEntry> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
