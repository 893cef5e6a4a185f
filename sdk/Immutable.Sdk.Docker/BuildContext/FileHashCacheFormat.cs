using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>
    /// Checks a cache file and returns the offset of each record, or null if it is not a valid version-2
    /// cache for <paramref name="root"/>.
    /// </summary>
    public static int[]? TryIndex(ReadOnlySpan<byte> bytes, string root)
    {
        if (bytes.Length < Magic.Length + 8 + HashLength || !bytes.StartsWith(Magic))
        {
            return null;
        }

        var body = bytes[..^HashLength];
        Span<byte> checksum = stackalloc byte[HashLength];
        SHA256.HashData(body, checksum);
        if (!checksum.SequenceEqual(bytes[^HashLength..]))
        {
            return null;
        }

        var offset = Magic.Length;
        if (!TryReadSpan(body, ref offset, out var rootBytes) || Encoding.UTF8.GetString(rootBytes) != root || offset + 4 > body.Length)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(body[offset..]);
        offset += 4;
        if (count < 0 || count > body.Length / FixedRecordLength)
        {
            return null;
        }

        var offsets = new int[count];
        scoped ReadOnlySpan<byte> previous = default;
        for (var i = 0; i < count; i++)
        {
            offsets[i] = offset;
            if (!TryReadSpan(body, ref offset, out var path)
                || offset + NumbersLength + HashLength > body.Length
                || (i > 0 && previous.SequenceCompareTo(path) >= 0))
            {
                return null;
            }

            previous = path;
            offset += NumbersLength + HashLength;
        }

        return offset == body.Length ? offsets : null;
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
