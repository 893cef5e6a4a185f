using System.Buffers;
using System.Security.Cryptography;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Turns a walked tree into a <see cref="ContextTable"/>: <c>lstat</c>s every kept non-directory, takes each
/// file's hash from the cache when it can vouch for it, and reads and hashes the rest.
/// <para>
/// The entries are processed in path order in chunks spread over the cores. A chunk opens each directory
/// once and reaches its files by name relative to that descriptor (<c>statx</c>, <c>openat</c>, one
/// <c>pread</c>, <c>statx</c> of the descriptor, <c>close</c>), hashes small files on the spot, and walks the
/// sorted cache file window by window with a cursor instead of a dictionary. Files over <see cref="LargeFile"/> are hashed
/// afterwards, largest first, so one big file does not finish alone at the end.
/// </para>
/// </summary>
internal static class ContextReader
{
    /// <summary>Entries per work item: enough to amortize the scheduling, small enough to balance two cores.</summary>
    private const int ChunkLength = 256;

    private const long LargeFile = 1 << 20;
    private const int BufferSize = 128 * 1024;
    private const int Attempts = 3;

    /// <summary>The table, what the cache needs to remember it, and how many files were read.</summary>
    internal sealed record Result(ContextTable Table, FileStatus[] Statuses, long[] HashedAtNs, int FilesHashed);

    /// <exception cref="BuildContextException">An entry cannot be read, changed while read, or cannot be sent.</exception>
    public static Result Read(WalkedTree tree, FileHashCache cache, ContextScanOptions options, CancellationToken cancellation)
    {
        var count = tree.Items.Count;
        var state = new State(tree, cache, options.TimeProvider);
        var chunks = (count + ChunkLength - 1) / ChunkLength;
        var errors = new BuildContextException?[chunks];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellation };
        // One cache window per worker, reused from chunk to chunk.
        Parallel.For(
            0,
            chunks,
            parallel,
            () => new CacheWindow(),
            (chunk, _, window) =>
            {
                errors[chunk] = ReadChunk(state, window, chunk * ChunkLength, Math.Min(count, (chunk + 1) * ChunkLength));
                return window;
            },
            _ => { });

        // The first error in path order, as a sequential scan would report it.
        if (Array.Find(errors, e => e is not null) is { } first)
        {
            throw first;
        }

        HashLarge(state, parallel);
        var table = new ContextTable(tree.Paths, tree.Starts, tree.Lengths, state.Flags, state.Sizes, state.Digests, state.LinkTargets);
        return new Result(table, state.Statuses, state.HashedAtNs, state.Hashed);
    }

    // Returns the chunk's first error instead of throwing, so the caller can pick the first in path order.
    private static BuildContextException? ReadChunk(State state, CacheWindow window, int from, int to)
    {
        var directoryIndex = -1;
        var directory = -1;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        Span<byte> name = stackalloc byte[1024];
        try
        {
            for (var i = from; i < to; i++)
            {
                var item = state.Tree.Items[i];
                if (item.IsDirectory)
                {
                    state.Flags[i] = ContextTable.Flags(ContextEntryKind.Directory, false, false);
                    continue;
                }

                var path = state.Tree.Path(i);
                try
                {
                    if (PosixFiles.IsAvailable && item.Directory != directoryIndex)
                    {
                        if (directory >= 0)
                        {
                            PosixFiles.Close(directory);
                            directory = -1;
                        }

                        directory = PosixFiles.OpenDirectory(state.Tree.Directories[item.Directory]);
                        directoryIndex = item.Directory;
                    }

                    var nameZ = NameZ(path[^item.NameLength..], name);
                    var status = state.Tree.Statted.TryGetValue(i, out var known) ? known
                        : directory >= 0 ? FileStatus.LstatAt(directory, nameZ)
                        : FileStatus.Lstat(FullPath(state, i));
                    var kind = ContextWalker.Describe(path, status);
                    state.Flags[i] = ContextTable.Flags(kind, item.BuilderOnly, (status.Mode & 0b001_000_000) != 0);
                    if (kind == ContextEntryKind.Symlink)
                    {
                        var target = ContextWalker.ReadLink(FullPath(state, i), PathString(path));
                        lock (state.LinkTargets)
                        {
                            state.LinkTargets[i] = target;
                        }

                        continue;
                    }

                    state.Statuses[i] = status;
                    state.Sizes[i] = status.Size;
                    var digest = state.Digests.AsSpan(i * 32, 32);
                    if (state.Cache.TryGet(path, window, status, digest, out state.HashedAtNs[i]))
                    {
                        continue;
                    }

                    if (status.Size > LargeFile || !PosixFiles.IsAvailable || directory < 0)
                    {
                        lock (state.Large)
                        {
                            state.Large.Add(i);
                        }

                        continue;
                    }

                    var (after, hashedAt) = HashAt(directory, nameZ, status, digest, buffer, state.Time, path);
                    state.Statuses[i] = after;
                    state.Sizes[i] = after.Size;
                    state.Flags[i] = ContextTable.Flags(kind, item.BuilderOnly, (after.Mode & 0b001_000_000) != 0);
                    state.HashedAtNs[i] = hashedAt;
                    Interlocked.Increment(ref state.Hashed);
                }
                catch (BuildContextException e)
                {
                    return e;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return ContextWalker.Unreadable(PathString(path), e);
                }
            }

            return null;
        }
        finally
        {
            if (directory >= 0)
            {
                PosixFiles.Close(directory);
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Hashes a small file relative to its directory and checks it did not change meanwhile: the status of
    /// the open descriptor after reading equals the status the walk saw, and the byte count equals the size.
    /// A file being saved is retried a few times rather than given a torn hash.
    /// </summary>
    private static (FileStatus After, long HashedAtNs) HashAt(
        int directory, ReadOnlySpan<byte> nameZ, FileStatus before, Span<byte> digest, byte[] buffer, TimeProvider time, ReadOnlySpan<byte> path)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var startedNs = ContentHasher.UnixNanoseconds(time);
            var descriptor = PosixFiles.OpenAt(directory, nameZ, PathString(path));
            FileStatus after;
            long length;
            try
            {
                length = HashDescriptor(descriptor, before.Size, digest, buffer);
                after = FileStatus.OfDescriptor(descriptor);
            }
            finally
            {
                PosixFiles.Close(descriptor);
            }

            if (after == before && length == before.Size)
            {
                return (after, startedNs);
            }

            before = FileStatus.LstatAt(directory, nameZ);
            if (before.Kind != FileKind.Regular)
            {
                break;
            }
        }

        var text = PathString(path);
        throw new BuildContextException(BuildContextErrorReason.ContextChanged, BuildInputField.Context, text, $"'{text}' kept changing while it was being read");
    }

    // One pread and a one-shot hash when the file fits the buffer (a short read is the end of a regular
    // file; the status check afterwards catches a file that changed meanwhile), else an incremental hash.
    private static long HashDescriptor(int descriptor, long expectedSize, Span<byte> digest, byte[] buffer)
    {
        var first = (int)Math.Clamp(expectedSize + 1, 1, buffer.Length);
        var read = PosixFiles.Read(descriptor, buffer.AsSpan(0, first), 0);
        if (read < first)
        {
            SHA256.HashData(buffer.AsSpan(0, read), digest);
            return read;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        while (read > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
            read = PosixFiles.Read(descriptor, buffer, length);
        }

        sha.GetHashAndReset(digest);
        return length;
    }

    // Large files (and every file where descriptor-relative calls are unavailable), largest first.
    private static void HashLarge(State state, ParallelOptions parallel)
    {
        if (state.Large.Count == 0)
        {
            return;
        }

        var large = state.Large.OrderByDescending(i => state.Statuses[i].Size).ToArray();
        try
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(large, loadBalance: true),
                parallel,
                i =>
                {
                    var path = PathString(state.Tree.Path(i));
                    var result = ContentHasher.Hash(new ContentHasher.Job(FullPath(state, i), path, state.Statuses[i]), state.Time);
                    Convert.FromHexString(result.Hash.AsSpan("sha256:".Length), state.Digests.AsSpan(i * 32, 32), out _, out _);
                    state.Statuses[i] = result.Status;
                    state.Sizes[i] = result.Status.Size;
                    state.HashedAtNs[i] = result.HashedAtNs;
                    Interlocked.Increment(ref state.Hashed);
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is BuildContextException) is BuildContextException first)
        {
            throw first;
        }
    }

    private static ReadOnlySpan<byte> NameZ(ReadOnlySpan<byte> name, Span<byte> scratch)
    {
        var target = name.Length < scratch.Length ? scratch : new byte[name.Length + 1];
        name.CopyTo(target);
        target[name.Length] = 0;
        return target[..(name.Length + 1)];
    }

    private static string PathString(ReadOnlySpan<byte> path) => System.Text.Encoding.UTF8.GetString(path);

    private static string FullPath(State state, int index)
    {
        var item = state.Tree.Items[index];
        var name = state.Tree.Path(index)[^item.NameLength..];
        return Path.Join(state.Tree.Directories[item.Directory], System.Text.Encoding.UTF8.GetString(name));
    }

    /// <summary>Per-entry results in path order, written by the chunks (each owns its range of indices).</summary>
    private sealed class State(WalkedTree tree, FileHashCache cache, TimeProvider time)
    {
#pragma warning disable SA1401, CA1051 // Fields: chunks write into the arrays and count with Interlocked.
        public int Hashed;
#pragma warning restore SA1401, CA1051

        public WalkedTree Tree { get; } = tree;

        public FileHashCache Cache { get; } = cache;

        public TimeProvider Time { get; } = time;

        public byte[] Flags { get; } = new byte[tree.Items.Count];

        public long[] Sizes { get; } = new long[tree.Items.Count];

        public byte[] Digests { get; } = new byte[tree.Items.Count * 32];

        public FileStatus[] Statuses { get; } = new FileStatus[tree.Items.Count];

        public long[] HashedAtNs { get; } = new long[tree.Items.Count];

        public Dictionary<int, string> LinkTargets { get; } = [];

        public List<int> Large { get; } = [];
    }
}
