using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// The cache file changed layout (version 2: records in path order, used in place). A file from an older
/// version, or one whose records are out of order, must be ignored, never trusted: these tests forge such
/// files with a poisoned hash and a status that would otherwise match. (Same fixture as the other cache tests.)
/// </summary>
public sealed partial class FileHashCacheTests
{
    private string Root => new DirectoryInfo(_tree.Root).FullName;

    private string CachePath => Path.Combine(_cache.Root, FileHashCache.FileNameFor(Root));

    [Fact]
    public void VersionOneCacheIsIgnoredAndReplacedByVersionTwo()
    {
        var expected = ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root }).Digest;
        File.WriteAllBytes(CachePath, Forge("IMCTXH01"u8, ["Dockerfile", "a.txt", "b.txt"]));
        Assert.Equal(0, FileHashCache.Open(_cache.Root, Root).Count);

        var scan = Scan();
        Assert.Equal(expected, scan.Digest);
        Assert.Equal(3, scan.FilesHashed);
        Assert.StartsWith("IMCTXH02", Encoding.ASCII.GetString(File.ReadAllBytes(CachePath), 0, 8), StringComparison.Ordinal);
        Assert.Equal(0, Scan().FilesHashed);
    }

    [Fact]
    public void VersionTwoRecordsOutOfOrderAreIgnored()
    {
        var expected = ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root }).Digest;
        File.WriteAllBytes(CachePath, Forge("IMCTXH02"u8, ["b.txt", "a.txt", "Dockerfile"]));
        Assert.Equal(0, FileHashCache.Open(_cache.Root, Root).Count);
        Assert.Equal(expected, Scan().Digest);
    }

    [Fact]
    public void ForgedVersionTwoInOrderIsReadSoTheForgeryMatchesTheLayout()
    {
        // The control for the two tests above: the same forgery in the right layout is read (and would be
        // trusted, since its statuses match), so their "ignored" is the version and order check at work.
        File.WriteAllBytes(CachePath, Forge("IMCTXH02"u8, ["Dockerfile", "a.txt", "b.txt"]));
        Assert.Equal(3, FileHashCache.Open(_cache.Root, Root).Count);
        Assert.Equal(0, Scan().FilesHashed);
    }

    // A cache file whose records match the files' current status but carry a poisoned hash.
    private byte[] Forge(ReadOnlySpan<byte> magic, string[] paths)
    {
        using var body = new MemoryStream();
        body.Write(magic);
        WriteBytes(body, Encoding.UTF8.GetBytes(Root));
        WriteInt32(body, paths.Length);
        Span<byte> numbers = new byte[40];
        foreach (var path in paths)
        {
            var status = FileStatus.Lstat(_tree[path]);
            WriteBytes(body, Encoding.UTF8.GetBytes(path));
            BinaryPrimitives.WriteInt64LittleEndian(numbers, status.Size);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], status.ModifiedNs);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[16..], status.ChangeTimeNs);
            BinaryPrimitives.WriteUInt64LittleEndian(numbers[24..], status.Inode);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[32..], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
            body.Write(numbers);
            body.Write(SHA256.HashData("poison"u8));
        }

        body.Write(SHA256.HashData(body.ToArray()));
        return body.ToArray();
    }

    private static void WriteBytes(Stream stream, byte[] bytes)
    {
        WriteInt32(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
