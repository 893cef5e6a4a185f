using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Remembers file content hashes between plans, keyed by what <c>stat</c> says, so an unchanged context
/// is re-digested without reading its files.
/// <para>
/// A record is trusted only when size, mtime, ctime and inode (nanosecond times) all equal the file's
/// current status <b>and</b> the file's mtime is older than the moment hashing started minus
/// <see cref="RacyMargin"/> (git's "racy clean" rule). Without the second condition a file rewritten
/// with the same size within one timestamp tick of being hashed would keep its stale hash: file-system
/// clocks are coarse (a kernel tick, 1 s, 2 s on FAT) and need not agree with ours. A file younger than
/// the margin is simply hashed again until it ages. Setting mtime back by hand changes ctime, so it is
/// caught where ctime exists (Linux via <c>statx</c>); the portable fallback lacks ctime and inode.
/// </para>
/// <para>
/// The cache lives in one file per context root under the directory the caller chooses, is replaced
/// atomically (temporary file, then rename), and any unreadable, corrupt, older-format or foreign file is
/// ignored and rebuilt: the cache can only make a scan faster, never change its result. The file is
/// binary with its records in path order (see <see cref="FileHashCacheFormat"/>) and is used in place:
/// a lookup is a cursor over its bytes, so loading it costs one read and one checksum, not an object per
/// file; it ends with a SHA-256 of its body so a torn or edited file is detected.
/// </para>
/// </summary>
public sealed class FileHashCache
{
    private readonly string _root;
    private readonly byte[] _bytes;
    private readonly int[] _offsets;

    private FileHashCache(string? filePath, string root, byte[] bytes, int[] offsets, TimeSpan racyMargin)
    {
        FilePath = filePath;
        _root = root;
        _bytes = bytes;
        _offsets = offsets;
        RacyMargin = racyMargin;
    }

    /// <summary>The cache file, or null for an in-memory cache.</summary>
    public string? FilePath { get; }

    /// <summary>How much older than the hashing time a file's mtime must be before its record is trusted.</summary>
    public TimeSpan RacyMargin { get; }

    /// <summary>How many records the cache holds.</summary>
    public int Count => _offsets.Length;

    /// <summary>Loads the cache for a context root, or starts an empty one if there is none or it is unusable.</summary>
    /// <param name="cacheDirectory">Where cache files live; null keeps no cache at all.</param>
    /// <param name="contextRoot">The absolute, resolved context directory.</param>
    /// <param name="racyMargin">See <see cref="RacyMargin"/>; two seconds covers FAT and clock skew.</param>
    public static FileHashCache Open(string? cacheDirectory, string contextRoot, TimeSpan? racyMargin = null)
    {
        var margin = racyMargin ?? TimeSpan.FromSeconds(2);
        if (cacheDirectory is null)
        {
            return new FileHashCache(null, contextRoot, [], [], margin);
        }

        var path = Path.Combine(cacheDirectory, FileNameFor(contextRoot));
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: start over.
            return new FileHashCache(path, contextRoot, [], [], margin);
        }

        return FileHashCacheFormat.TryIndex(bytes, contextRoot) is { } offsets
            ? new FileHashCache(path, contextRoot, bytes, offsets, margin)
            : new FileHashCache(path, contextRoot, [], [], margin);
    }

    /// <summary>The cache file name for a context root: a hash of its path, so any path is a valid name.</summary>
    public static string FileNameFor(string contextRoot) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contextRoot)))[..32] + ".hashes";

    /// <summary>
    /// The trust rule on its own: the status must be identical and the file must have been old
    /// (mtime before hashing time minus the margin) when it was hashed.
    /// </summary>
    internal static bool IsTrusted(FileHashRecord record, in FileStatus status, TimeSpan racyMargin) =>
        IsTrusted(record.Size, record.ModifiedNs, record.ChangeTimeNs, record.Inode, record.HashedAtNs, status, racyMargin)
        && record.Digest is { Length: 71 };

    /// <summary>
    /// Finds the record for <paramref name="path"/> (UTF-8) and, if it can be trusted for this status,
    /// copies its SHA-256 into <paramref name="digest"/>. <paramref name="cursor"/> carries the position
    /// between calls made in path order (start with -1): the next record is usually the one wanted.
    /// </summary>
    internal bool TryGet(ReadOnlySpan<byte> path, ref int cursor, in FileStatus status, Span<byte> digest, out long hashedAtNs)
    {
        hashedAtNs = 0;
        if (_offsets.Length == 0)
        {
            return false;
        }

        var index = Find(path, ref cursor);
        if (index < 0)
        {
            return false;
        }

        var offset = _offsets[index];
        var numbers = _bytes.AsSpan(offset + 4 + BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(offset)));
        var recordHashedAt = BinaryPrimitives.ReadInt64LittleEndian(numbers[32..]);
        if (!IsTrusted(
            BinaryPrimitives.ReadInt64LittleEndian(numbers),
            BinaryPrimitives.ReadInt64LittleEndian(numbers[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(numbers[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(numbers[24..]),
            recordHashedAt,
            status,
            RacyMargin))
        {
            return false;
        }

        numbers.Slice(FileHashCacheFormat.NumbersLength, FileHashCacheFormat.HashLength).CopyTo(digest);
        hashedAtNs = recordHashedAt;
        return true;
    }

    /// <summary>
    /// Writes the cache for a scan's files unless nothing changed (no file was hashed and the records are
    /// exactly the files). Failures are swallowed: a missing cache only costs time.
    /// </summary>
    internal void Save(ContextTable table, FileStatus[] statuses, long[] hashedAtNs, int filesHashed)
    {
        if (FilePath is null)
        {
            return;
        }

        var files = 0;
        for (var i = 0; i < table.Count; i++)
        {
            files += table.Kind(i) == ContextEntryKind.File ? 1 : 0;
        }

        if (filesHashed == 0 && files == Count)
        {
            return;
        }

        var temporary = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                FileHashCacheFormat.Write(stream, _root, files, Records(table, statuses, hashedAtNs), table);
                stream.Flush(flushToDisk: true);
            }

            // Rename is atomic on one file system: readers see the old file or the new one, never half.
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private static IEnumerable<(int Index, FileStatus Status, long HashedAtNs)> Records(ContextTable table, FileStatus[] statuses, long[] hashedAtNs)
    {
        for (var i = 0; i < table.Count; i++)
        {
            if (table.Kind(i) == ContextEntryKind.File)
            {
                yield return (i, statuses[i], hashedAtNs[i]);
            }
        }
    }

    private static bool IsTrusted(long size, long modifiedNs, long changeTimeNs, ulong inode, long hashedAtNs, in FileStatus status, TimeSpan racyMargin) =>
        size == status.Size
        && modifiedNs == status.ModifiedNs
        && changeTimeNs == status.ChangeTimeNs
        && inode == status.Inode
        && status.ModifiedNs < hashedAtNs - (racyMargin.Ticks * 100);

    // From the cursor, a few steps forward (the usual case: scans and records share the order), else a binary search.
    private int Find(ReadOnlySpan<byte> path, ref int cursor)
    {
        const int Steps = 4;
        var bytes = _bytes.AsSpan();
        if (cursor >= 0)
        {
            for (var step = 0; step < Steps && cursor < _offsets.Length; step++)
            {
                var order = FileHashCacheFormat.PathAt(bytes, _offsets[cursor]).SequenceCompareTo(path);
                if (order == 0)
                {
                    return cursor++;
                }

                if (order > 0)
                {
                    return -1;
                }

                cursor++;
            }
        }

        int low = 0, high = _offsets.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = FileHashCacheFormat.PathAt(bytes, _offsets[middle]).SequenceCompareTo(path);
            if (order == 0)
            {
                cursor = middle + 1;
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        cursor = low;
        return -1;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
