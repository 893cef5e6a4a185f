using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

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
/// binary with its records in path order (see <see cref="FileHashCacheFormat"/>): loading it is one
/// streaming pass that checks the trailing SHA-256 of its body (a torn or edited file is detected) and
/// remembers every 128th path; a lookup then reads the window of records around its path, so neither an
/// object per file nor the whole file is ever held in memory.
/// </para>
/// </summary>
public sealed class FileHashCache
{
    /// <summary>Every this many records the loader remembers a record's path and offset: the windows a lookup reads.</summary>
    private const int WindowRecords = 128;

    private readonly string _root;
    private readonly SafeFileHandle? _file;
    private readonly List<(long Offset, byte[] Path)> _windows;
    private readonly long _end;
    private readonly int _count;

    private FileHashCache(string? filePath, string root, TimeSpan racyMargin, SafeFileHandle? file = null, List<(long, byte[])>? windows = null, long end = 0, int count = 0)
    {
        FilePath = filePath;
        _root = root;
        RacyMargin = racyMargin;
        _file = file;
        _windows = windows ?? [];
        _end = end;
        _count = count;
    }

    /// <summary>The cache file, or null for an in-memory cache.</summary>
    public string? FilePath { get; }

    /// <summary>How much older than the hashing time a file's mtime must be before its record is trusted.</summary>
    public TimeSpan RacyMargin { get; }

    /// <summary>How many records the cache holds.</summary>
    public int Count => _count;

    /// <summary>
    /// Loads the cache for a context root, or starts an empty one if there is none or it is unusable. The
    /// file is checked in one streaming pass (checksum, root, record order) and then read window by window
    /// as lookups need it, through a handle kept open until the scan ends: the records are never all in memory.
    /// </summary>
    /// <param name="cacheDirectory">Where cache files live; null keeps no cache at all.</param>
    /// <param name="contextRoot">The absolute, resolved context directory.</param>
    /// <param name="racyMargin">See <see cref="RacyMargin"/>; two seconds covers FAT and clock skew.</param>
    public static FileHashCache Open(string? cacheDirectory, string contextRoot, TimeSpan? racyMargin = null)
    {
        var margin = racyMargin ?? TimeSpan.FromSeconds(2);
        if (cacheDirectory is null)
        {
            return new FileHashCache(null, contextRoot, margin);
        }

        var path = Path.Combine(cacheDirectory, FileNameFor(contextRoot));
        SafeFileHandle file;
        try
        {
            // Readers share with the rename that replaces the file; the handle keeps reading the version checked here.
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: start over.
            return new FileHashCache(path, contextRoot, margin);
        }

        try
        {
            if (FileHashCacheFormat.TryCheck(file, contextRoot, WindowRecords) is { } checkedFile)
            {
                return new FileHashCache(path, contextRoot, margin, file, checkedFile.Windows, checkedFile.End, checkedFile.Count);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: start over.
        }

        file.Dispose();
        return new FileHashCache(path, contextRoot, margin);
    }

    /// <summary>Closes the cache file (the scan is done reading it).</summary>
    internal void Close() => _file?.Dispose();

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
    /// copies its SHA-256 into <paramref name="digest"/>. <paramref name="window"/> holds the records last
    /// read (one per worker, lookups in path order): the next record is usually the one wanted.
    /// </summary>
    internal bool TryGet(ReadOnlySpan<byte> path, CacheWindow window, in FileStatus status, Span<byte> digest, out long hashedAtNs)
    {
        hashedAtNs = 0;
        if (_count == 0 || _file is null || !Load(path, window))
        {
            return false;
        }

        var offset = window.Find(path);
        if (offset < 0)
        {
            return false;
        }

        var bytes = window.Bytes.AsSpan();
        var numbers = bytes[(offset + 4 + BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]))..];
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

    // Makes sure the window holding the records around path is loaded; false when path sorts before every record.
    private bool Load(ReadOnlySpan<byte> path, CacheWindow window)
    {
        if (window.Index >= 0 && Covers(window.Index, path))
        {
            return true;
        }

        // The last window whose first path is <= path.
        int low = 0, high = _windows.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_windows[middle].Path.AsSpan().SequenceCompareTo(path) <= 0)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (found < 0)
        {
            return false;
        }

        var start = _windows[found].Offset;
        var stop = found + 1 < _windows.Count ? _windows[found + 1].Offset : _end;
        window.Read(_file!, found, start, (int)(stop - start));
        return true;
    }

    private bool Covers(int index, ReadOnlySpan<byte> path) =>
        _windows[index].Path.AsSpan().SequenceCompareTo(path) <= 0
        && (index + 1 == _windows.Count || path.SequenceCompareTo(_windows[index + 1].Path) < 0);

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
