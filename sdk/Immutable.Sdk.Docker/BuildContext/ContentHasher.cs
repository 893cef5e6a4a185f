using System.Buffers;
using System.Security.Cryptography;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>SHA-256 of a file by path (large files, and every file where <see cref="PosixFiles"/> is unavailable).</summary>
internal static class ContentHasher
{
    private const int BufferSize = 128 * 1024;
    private const int Attempts = 3;

    /// <summary>A file to hash and the status the walk saw.</summary>
    internal readonly record struct Job(string FullPath, string Path, FileStatus Status);

    /// <summary>A content digest (<c>sha256:</c> and hex), the status it is valid for, and when reading began.</summary>
    internal readonly record struct Result(string Hash, FileStatus Status, long HashedAtNs);

    /// <summary>
    /// Hashes one file and checks it did not change meanwhile (status before equals status after and the
    /// byte count equals the size), retrying a few times so a file being saved does not get a torn hash.
    /// </summary>
    public static Result Hash(Job job, TimeProvider time)
    {
        var before = job.Status;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var startedNs = UnixNanoseconds(time);
            string hash;
            long length;
            FileStatus after;
            try
            {
                (hash, length) = HashContent(job.FullPath, before.Size);
                after = FileStatus.Lstat(job.FullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BuildContextException(
                    BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, job.Path, $"cannot read '{job.Path}' in the build context: {e.Message}", e);
            }

            if (after == before && length == before.Size)
            {
                return new Result(hash, after, startedNs);
            }

            before = after;
        }

        throw new BuildContextException(
            BuildContextErrorReason.ContextChanged, BuildInputField.Context, job.Path, $"'{job.Path}' kept changing while it was being read");
    }

    /// <summary>
    /// Hashes a file's content; returns <c>sha256:</c> and hex, and the bytes read. A file that fits in
    /// one buffer (the usual case in source trees) costs one <c>pread</c> and a one-shot hash: a read
    /// shorter than asked for is the end of a regular file, and the caller's status check afterwards
    /// catches a file that changed meanwhile. Larger files stream through an incremental hash.
    /// </summary>
    public static (string Hash, long Length) HashContent(string fullPath, long expectedSize = BufferSize)
    {
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            Span<byte> hash = stackalloc byte[32];
            var first = (int)Math.Clamp(expectedSize + 1, 1, BufferSize);
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, first), 0);
            if (read < first)
            {
                SHA256.HashData(buffer.AsSpan(0, read), hash);
                return (FileHashCacheFormat.ToDigest(hash), read);
            }

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            while (read > 0)
            {
                sha.AppendData(buffer, 0, read);
                length += read;
                read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), length);
            }

            sha.GetHashAndReset(hash);
            return (FileHashCacheFormat.ToDigest(hash), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The current wall-clock time in nanoseconds since the Unix epoch.</summary>
    public static long UnixNanoseconds(TimeProvider time) =>
        (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
