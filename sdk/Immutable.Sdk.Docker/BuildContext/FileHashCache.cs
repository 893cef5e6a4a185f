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
/// atomically (temporary file, then rename), and any unreadable, corrupt or foreign file is ignored and
/// rebuilt: the cache can only make a scan faster, never change its result. The file is binary (see
/// <see cref="FileHashCacheFormat"/>) because parsing 10,000 JSON records alone took 15–25 ms of the
/// 50 ms re-plan budget; it ends with a SHA-256 of its body so a torn or edited file is detected.
/// </para>
/// </summary>
public sealed class FileHashCache
{
    private readonly string _root;
    private readonly Dictionary<string, FileHashRecord> _records;
    private readonly Lock _gate = new();
    private bool _dirty;

    private FileHashCache(string? filePath, string root, Dictionary<string, FileHashRecord> records, TimeSpan racyMargin)
    {
        FilePath = filePath;
        _root = root;
        _records = records;
        RacyMargin = racyMargin;
    }

    /// <summary>The cache file, or null for an in-memory cache.</summary>
    public string? FilePath { get; }

    /// <summary>How much older than the hashing time a file's mtime must be before its record is trusted.</summary>
    public TimeSpan RacyMargin { get; }

    /// <summary>How many records the cache holds.</summary>
    public int Count => _records.Count;

    /// <summary>Loads the cache for a context root, or starts an empty one if there is none or it is unusable.</summary>
    /// <param name="cacheDirectory">Where cache files live; null keeps the cache in memory only.</param>
    /// <param name="contextRoot">The absolute, resolved context directory.</param>
    /// <param name="racyMargin">See <see cref="RacyMargin"/>; two seconds covers FAT and clock skew.</param>
    public static FileHashCache Open(string? cacheDirectory, string contextRoot, TimeSpan? racyMargin = null)
    {
        var margin = racyMargin ?? TimeSpan.FromSeconds(2);
        if (cacheDirectory is null)
        {
            return new FileHashCache(null, contextRoot, new Dictionary<string, FileHashRecord>(StringComparer.Ordinal), margin);
        }

        var path = Path.Combine(cacheDirectory, FileNameFor(contextRoot));
        return new FileHashCache(path, contextRoot, Load(path, contextRoot), margin);
    }

    /// <summary>The cache file name for a context root: a hash of its path, so any path is a valid name.</summary>
    public static string FileNameFor(string contextRoot) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contextRoot)))[..32] + ".hashes";

    /// <summary>
    /// The trust rule on its own: the status must be identical and the file must have been old
    /// (mtime before hashing time minus the margin) when it was hashed.
    /// </summary>
    internal static bool IsTrusted(FileHashRecord record, in FileStatus status, TimeSpan racyMargin) =>
        record.Size == status.Size
        && record.ModifiedNs == status.ModifiedNs
        && record.ChangeTimeNs == status.ChangeTimeNs
        && record.Inode == status.Inode
        && status.ModifiedNs < record.HashedAtNs - (racyMargin.Ticks * 100)
        && record.Digest is { Length: 71 };

    /// <summary>Returns the remembered content digest if the record can be trusted for this status.</summary>
    internal bool TryGet(string path, in FileStatus status, out string digest)
    {
        lock (_gate)
        {
            if (_records.TryGetValue(path, out var record) && IsTrusted(record, status, RacyMargin))
            {
                digest = record.Digest!;
                return true;
            }
        }

        digest = string.Empty;
        return false;
    }

    /// <summary>Records a freshly computed content digest (<c>sha256:</c> and hex).</summary>
    internal void Set(string path, in FileStatus status, string digest, long hashedAtNs)
    {
        var record = new FileHashRecord
        {
            Size = status.Size,
            ModifiedNs = status.ModifiedNs,
            ChangeTimeNs = status.ChangeTimeNs,
            Inode = status.Inode,
            HashedAtNs = hashedAtNs,
            Digest = digest,
        };
        lock (_gate)
        {
            _records[path] = record;
            _dirty = true;
        }
    }

    /// <summary>Drops records of files that are no longer part of the context.</summary>
    internal void RetainOnly(IReadOnlySet<string> livePaths)
    {
        lock (_gate)
        {
            foreach (var path in _records.Keys.Where(p => !livePaths.Contains(p)).ToList())
            {
                _records.Remove(path);
                _dirty = true;
            }
        }
    }

    /// <summary>Writes the cache if it changed. Failures are swallowed: a missing cache only costs time.</summary>
    public void Save()
    {
        if (FilePath is null)
        {
            return;
        }

        byte[] bytes;
        lock (_gate)
        {
            if (!_dirty)
            {
                return;
            }

            bytes = FileHashCacheFormat.Write(_root, _records);
            _dirty = false;
        }

        var temporary = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
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

    private static Dictionary<string, FileHashRecord> Load(string path, string root)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: start over.
            return new Dictionary<string, FileHashRecord>(StringComparer.Ordinal);
        }

        return FileHashCacheFormat.TryRead(bytes, root) ?? new Dictionary<string, FileHashRecord>(StringComparer.Ordinal);
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
