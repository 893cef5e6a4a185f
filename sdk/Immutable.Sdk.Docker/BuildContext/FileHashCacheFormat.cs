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
/// The cache file layout (little-endian): the 8 bytes <c>IMCTXH01</c>; the context root (int32 byte
/// count + UTF-8); an int32 record count; per record the path (int32 byte count + UTF-8), size, mtime ns,
/// ctime ns, inode, hashed-at ns (five 64-bit integers) and the 32-byte SHA-256; then a SHA-256 of
/// everything before it. Any deviation, including a foreign root, reads as "no cache".
/// </summary>
internal static class FileHashCacheFormat
{
    private static readonly byte[] Magic = "IMCTXH01"u8.ToArray();
    private const int HashLength = 32;
    private const string DigestPrefix = "sha256:";
    private const int FixedRecordLength = 4 + (5 * 8) + HashLength;

    public static byte[] Write(string root, IReadOnlyDictionary<string, FileHashRecord> records)
    {
        var rootBytes = Encoding.UTF8.GetBytes(root);
        var length = Magic.Length + 4 + rootBytes.Length + 4 + HashLength;
        foreach (var (path, _) in records)
        {
            length += FixedRecordLength + Encoding.UTF8.GetByteCount(path);
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        Magic.CopyTo(span);
        var offset = Magic.Length;
        WriteBytes(span, ref offset, rootBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], records.Count);
        offset += 4;
        foreach (var (path, record) in records)
        {
            var pathLength = Encoding.UTF8.GetBytes(path, span[(offset + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[offset..], pathLength);
            offset += 4 + pathLength;
            foreach (var value in (ReadOnlySpan<long>)[record.Size, record.ModifiedNs, record.ChangeTimeNs, (long)record.Inode, record.HashedAtNs])
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[offset..], value);
                offset += 8;
            }

            Convert.FromHexString(record.Digest.AsSpan(DigestPrefix.Length), span.Slice(offset, HashLength), out _, out _);
            offset += HashLength;
        }

        SHA256.HashData(span[..offset], span[offset..]);
        return buffer;
    }

    /// <summary>Parses a cache file, or returns null if it is not a valid cache for <paramref name="root"/>.</summary>
    public static Dictionary<string, FileHashRecord>? TryRead(ReadOnlySpan<byte> bytes, string root)
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

        try
        {
            var offset = Magic.Length;
            if (ReadString(body, ref offset) != root)
            {
                return null;
            }

            var count = ReadInt32(body, ref offset);
            if (count < 0 || count > body.Length / FixedRecordLength)
            {
                return null;
            }

            var records = new Dictionary<string, FileHashRecord>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var path = ReadString(body, ref offset);
                var numbers = body.Slice(offset, 5 * 8);
                offset += 5 * 8;
                var digest = ToDigest(body.Slice(offset, HashLength));
                offset += HashLength;
                records[path] = new FileHashRecord
                {
                    Size = BinaryPrimitives.ReadInt64LittleEndian(numbers),
                    ModifiedNs = BinaryPrimitives.ReadInt64LittleEndian(numbers[8..]),
                    ChangeTimeNs = BinaryPrimitives.ReadInt64LittleEndian(numbers[16..]),
                    Inode = BinaryPrimitives.ReadUInt64LittleEndian(numbers[24..]),
                    HashedAtNs = BinaryPrimitives.ReadInt64LittleEndian(numbers[32..]),
                    Digest = digest,
                };
            }

            return offset == body.Length ? records : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A length field pointed past the end.
            return null;
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

    private static void WriteBytes(Span<byte> span, ref int offset, byte[] bytes)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], bytes.Length);
        bytes.CopyTo(span[(offset + 4)..]);
        offset += 4 + bytes.Length;
    }

    private static int ReadInt32(ReadOnlySpan<byte> body, ref int offset)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(body[offset..]);
        offset += 4;
        return value;
    }

    private static string ReadString(ReadOnlySpan<byte> body, ref int offset)
    {
        var length = ReadInt32(body, ref offset);
        var text = Encoding.UTF8.GetString(body.Slice(offset, length));
        offset += length;
        return text;
    }
}
