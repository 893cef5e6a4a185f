using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>A file's content hash and the status it was computed under.</summary>
internal sealed class FileHashRecord
{
    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Modification time, nanoseconds since the Unix epoch.</summary>
    public long ModifiedNs { get; init; }

    /// <summary>Status-change time (ctime), nanoseconds; 0 where unavailable.</summary>
    public long ChangeTimeNs { get; init; }

    /// <summary>Inode number; 0 where unavailable.</summary>
    public ulong Inode { get; init; }

    /// <summary>Wall-clock time just before the content was read, nanoseconds since the Unix epoch.</summary>
    public long HashedAtNs { get; init; }

    /// <summary>SHA-256 of the content: <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public string? Digest { get; init; }
}

/// <summary>
/// The cache file layout, version 2 (little-endian): the 8 bytes <c>IMCTXH02</c>; the context root (int32
/// byte count + UTF-8); an int32 record count; per record, <b>in byte order of the paths</b>, the path (int32
/// byte count + UTF-8), size, mtime ns, ctime ns, inode, hashed-at ns (five 64-bit integers) and the
/// 32-byte SHA-256; then a SHA-256 of everything before it. Any deviation, including a foreign root or
/// paths out of order, reads as "no cache". Version 1 (<c>IMCTXH01</c>, the same records unordered) is
/// not read: the first scan after an upgrade hashes everything once and writes version 2.
/// <para>
/// The order lets a scan, which visits files in the same order, find each record with a cursor over the
/// file's bytes: no dictionary, no string per record.
/// </para>
/// </summary>
internal static class FileHashCacheFormat
{
    public const int HashLength = 32;
    public const int NumbersLength = 5 * 8;
    private const string DigestPrefix = "sha256:";
    private const int FixedRecordLength = 4 + NumbersLength + HashLength;
    private static readonly byte[] Magic = "IMCTXH02"u8.ToArray();

    /// <summary>What a check of a cache file found: every n-th record's offset and path, where the records end, how many.</summary>
    internal sealed record Checked(List<(long Offset, byte[] Path)> Windows, long End, int Count);

    /// <summary>
    /// Checks a cache file in one streaming pass (magic, checksum, root, lengths, strictly increasing paths)
    /// and remembers the offset and path of every <paramref name="windowRecords"/>-th record; null if it is
    /// not a valid version-2 cache for <paramref name="root"/>.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Checked? TryCheck(SafeFileHandle file, string root, int windowRecords)
    {
        var length = RandomAccess.GetLength(file);
        if (length < Magic.Length + 8 + HashLength)
        {
            return null;
        }

        var reader = new Reader(file, length - HashLength);
        Span<byte> magic = stackalloc byte[8];
        if (!reader.TryRead(magic) || !magic.SequenceEqual(Magic)
            || !reader.TryReadInt32(out var rootLength) || rootLength < 0 || rootLength > 64 * 1024)
        {
            return null;
        }

        var rootBytes = new byte[rootLength];
        if (!reader.TryRead(rootBytes) || Encoding.UTF8.GetString(rootBytes) != root
            || !reader.TryReadInt32(out var count) || count < 0 || count > length / FixedRecordLength)
        {
            return null;
        }

        var windows = new List<(long, byte[])>((count / windowRecords) + 1);
        var previous = new byte[256];
        var current = new byte[256];
        var previousLength = 0;
        Span<byte> rest = stackalloc byte[NumbersLength + HashLength];
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Position;
            if (!reader.TryReadInt32(out var pathLength) || pathLength < 0 || pathLength > length)
            {
                return null;
            }

            if (current.Length < pathLength)
            {
                current = new byte[pathLength];
            }

            var path = current.AsSpan(0, pathLength);
            if (!reader.TryRead(path) || (i > 0 && previous.AsSpan(0, previousLength).SequenceCompareTo(path) >= 0) || !reader.TryRead(rest))
            {
                return null;
            }

            if (i % windowRecords == 0)
            {
                windows.Add((offset, path.ToArray()));
            }

            (previous, current, previousLength) = (current, previous, pathLength);
        }

        var end = reader.Position;
        Span<byte> checksum = stackalloc byte[HashLength];
        Span<byte> stored = stackalloc byte[HashLength];
        return end == length - HashLength && reader.TryFinish(checksum) && RandomAccess.Read(file, stored, end) == HashLength && checksum.SequenceEqual(stored)
            ? new Checked(windows, end, count)
            : null;
    }

    /// <summary>The path of the record at <paramref name="offset"/>.</summary>
    public static ReadOnlySpan<byte> PathAt(ReadOnlySpan<byte> bytes, int offset) =>
        bytes.Slice(offset + 4, BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]));

    /// <summary>Writes a version-2 cache: the records must come in byte order of their paths.</summary>
    public static void Write(Stream destination, string root, int count, IEnumerable<(int Index, FileStatus Status, long HashedAtNs)> records, ContextTable table)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        var used = 0;
        void Flush()
        {
            sha.AppendData(buffer, 0, used);
            destination.Write(buffer, 0, used);
            used = 0;
        }

        Span<byte> Reserve(int length)
        {
            if (used + length > buffer.Length)
            {
                Flush();
                if (length > buffer.Length)
                {
                    buffer = new byte[length];
                }
            }

            var span = buffer.AsSpan(used, length);
            used += length;
            return span;
        }

        Magic.CopyTo(Reserve(Magic.Length));
        var rootBytes = Encoding.UTF8.GetBytes(root);
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), rootBytes.Length);
        rootBytes.CopyTo(Reserve(rootBytes.Length));
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), count);
        foreach (var (index, status, hashedAt) in records)
        {
            var path = table.Path(index);
            var record = Reserve(FixedRecordLength + path.Length);
            BinaryPrimitives.WriteInt32LittleEndian(record, path.Length);
            path.CopyTo(record[4..]);
            var numbers = record[(4 + path.Length)..];
            BinaryPrimitives.WriteInt64LittleEndian(numbers, status.Size);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], status.ModifiedNs);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[16..], status.ChangeTimeNs);
            BinaryPrimitives.WriteUInt64LittleEndian(numbers[24..], status.Inode);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[32..], hashedAt);
            table.Digest(index).CopyTo(numbers[NumbersLength..]);
        }

        Flush();
        Span<byte> checksum = stackalloc byte[HashLength];
        sha.GetHashAndReset(checksum);
        destination.Write(checksum);
    }

    /// <summary>Reads the body of a cache file in order through a 64 KiB buffer, hashing what it returns.</summary>
    private sealed class Reader(SafeFileHandle file, long limit)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private int _start;
        private int _filled;
        private long _bufferOffset;

        public long Position => _bufferOffset + _start;

        public bool TryReadInt32(out int value)
        {
            Span<byte> bytes = stackalloc byte[4];
            var read = TryRead(bytes);
            value = read ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : 0;
            return read;
        }

        public bool TryRead(Span<byte> destination)
        {
            if (Position + destination.Length > limit)
            {
                return false;
            }

            while (destination.Length > 0)
            {
                if (_start == _filled)
                {
                    _sha.AppendData(_buffer, 0, _filled);
                    _bufferOffset += _filled;
                    _start = 0;
                    _filled = RandomAccess.Read(file, _buffer.AsSpan(0, (int)Math.Min(_buffer.Length, limit - _bufferOffset)), _bufferOffset);
                    if (_filled == 0)
                    {
                        return false;
                    }
                }

                var take = Math.Min(destination.Length, _filled - _start);
                _buffer.AsSpan(_start, take).CopyTo(destination);
                _start += take;
                destination = destination[take..];
            }

            return true;
        }

        /// <summary>The SHA-256 of everything read.</summary>
        public bool TryFinish(Span<byte> checksum)
        {
            _sha.AppendData(_buffer, 0, _start);
            _sha.GetHashAndReset(checksum);
            _sha.Dispose();
            return true;
        }
    }

    /// <summary><c>sha256:</c> and the lowercase hex of a hash, built in one allocation.</summary>
    public static string ToDigest(ReadOnlySpan<byte> hash)
    {
        Span<char> text = stackalloc char[DigestPrefix.Length + (HashLength * 2)];
        DigestPrefix.CopyTo(text);
        Convert.TryToHexStringLower(hash, text[DigestPrefix.Length..], out _);
        return new string(text);
    }

    private static bool TryReadSpan(ReadOnlySpan<byte> body, ref int offset, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (offset + 4 > body.Length)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(body[offset..]);
        if (length < 0 || length > body.Length - offset - 4)
        {
            return false;
        }

        value = body.Slice(offset + 4, length);
        offset += 4 + length;
        return true;
    }
}
