using System.Text;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

public sealed partial class FileHashCacheTests : IDisposable
{
    private static readonly DateTime Old = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempTree _tree = new();
    private readonly TempTree _cache = new();

    public FileHashCacheTests()
    {
        _tree.File("Dockerfile", "FROM scratch\n");
        _tree.File("a.txt", "aaaa");
        _tree.File("b.txt", "bbbb");
        foreach (var file in Directory.EnumerateFiles(_tree.Root))
        {
            File.SetLastWriteTimeUtc(file, Old);
        }
    }

    public void Dispose()
    {
        _tree.Dispose();
        _cache.Dispose();
    }

    private ContextSnapshot Scan() =>
        ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root }, new ContextScanOptions { CacheDirectory = _cache.Root });

    private string CacheFile => Directory.GetFiles(_cache.Root).Single();

    [Fact]
    public void WarmScanReadsNoFiles()
    {
        var cold = Scan();
        Assert.Equal(3, cold.FilesHashed);
        var warm = Scan();
        Assert.Equal(0, warm.FilesHashed);
        Assert.Equal(cold.Digest, warm.Digest);
    }

    [Fact]
    public void SameSizeSameMtimeContentChangeIsDetected()
    {
        var before = Scan();
        File.WriteAllText(_tree["a.txt"], "AAAA");
        File.SetLastWriteTimeUtc(_tree["a.txt"], Old);
        var after = Scan();
        Assert.Equal(1, after.FilesHashed);
        Assert.NotEqual(before.Digest, after.Digest);
    }

    [Fact]
    public void RecentlyModifiedFilesAreHashedAgainUntilTheyAge()
    {
        File.WriteAllText(_tree["a.txt"], "fresh");
        Scan();
        // a.txt was younger than the margin when hashed, so its record is not trusted yet.
        Assert.Equal(1, Scan().FilesHashed);
    }

    [Fact]
    public void RacyCleanRule()
    {
        const long second = 1_000_000_000;
        var margin = TimeSpan.FromSeconds(2);
        var status = new FileStatus(FileKind.Regular, 4, 100 * second, 100 * second, 7, 0b110_100_100);
        var hash = "sha256:" + new string('0', 64);
        FileHashRecord Record(long hashedAt) => new()
        {
            Size = 4, ModifiedNs = 100 * second, ChangeTimeNs = 100 * second, Inode = 7, HashedAtNs = hashedAt, Digest = hash,
        };

        Assert.True(FileHashCache.IsTrusted(Record(103 * second), status, margin));
        // Hashed within the margin of its mtime: the file could have changed again in the same tick.
        Assert.False(FileHashCache.IsTrusted(Record(101 * second), status, margin));
        Assert.False(FileHashCache.IsTrusted(Record(102 * second), status, margin));
        // Any status difference.
        Assert.False(FileHashCache.IsTrusted(Record(103 * second), status with { Size = 5 }, margin));
        Assert.False(FileHashCache.IsTrusted(Record(103 * second), status with { ModifiedNs = (100 * second) + 1 }, margin));
        Assert.False(FileHashCache.IsTrusted(Record(103 * second), status with { ChangeTimeNs = 200 * second }, margin));
        Assert.False(FileHashCache.IsTrusted(Record(103 * second), status with { Inode = 8 }, margin));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\":1,\"root\":")]
    [InlineData("{\"version\":1,\"root\":\"/elsewhere\",\"files\":{}}")]
    [InlineData("{\"version\":99,\"files\":{}}")]
    [InlineData("{\"version\":1,\"files\":{\"a.txt\":{\"s\":\"x\"}}}")]
    [InlineData("")]
    public void CorruptOrForeignCacheIsIgnoredAndRebuilt(string garbage)
    {
        var expected = Scan().Digest;
        File.WriteAllText(CacheFile, garbage, new UTF8Encoding(false));
        var rescanned = Scan();
        Assert.Equal(expected, rescanned.Digest);
        Assert.Equal(3, rescanned.FilesHashed);
        Assert.Equal(0, Scan().FilesHashed);
    }

    [Theory]
    [InlineData("flip a byte in a record")]
    [InlineData("truncate")]
    [InlineData("append")]
    [InlineData("another root's cache")]
    public void DamagedCacheFileIsIgnored(string damage)
    {
        var expected = Scan().Digest;
        var bytes = File.ReadAllBytes(CacheFile);
        switch (damage)
        {
            case "flip a byte in a record":
                bytes[bytes.Length / 2] ^= 0x40;
                break;
            case "truncate":
                bytes = bytes[..(bytes.Length - 7)];
                break;
            case "append":
                bytes = [.. bytes, 0];
                break;
            case "another root's cache":
                using (var other = new TempTree())
                {
                    other.File("Dockerfile", "FROM scratch\n");
                    ContextScanner.Scan(new BuildInputs { ContextDirectory = other.Root }, new ContextScanOptions { CacheDirectory = other.Root + "-cache" });
                    var foreign = Directory.GetFiles(other.Root + "-cache").Single();
                    bytes = File.ReadAllBytes(foreign);
                    Directory.Delete(other.Root + "-cache", recursive: true);
                }

                break;
        }

        File.WriteAllBytes(CacheFile, bytes);
        var rescanned = Scan();
        Assert.Equal(expected, rescanned.Digest);
        Assert.Equal(3, rescanned.FilesHashed);
    }

    [Fact]
    public void StatxGivesNanosecondTimesChangeTimeAndInode()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var status = FileStatus.Lstat(_tree["a.txt"]);
        Assert.Equal(FileKind.Regular, status.Kind);
        Assert.Equal(4, status.Size);
        Assert.NotEqual(0UL, status.Inode);
        Assert.NotEqual(0, status.ChangeTimeNs);
        Assert.Equal((Old.Ticks - DateTime.UnixEpoch.Ticks) * 100, status.ModifiedNs);
        Assert.Equal(FileKind.Directory, FileStatus.Lstat(_tree.Root).Kind);
        File.CreateSymbolicLink(_tree["link"], "a.txt");
        Assert.Equal(FileKind.Symlink, FileStatus.Lstat(_tree["link"]).Kind);
        Assert.Throws<FileNotFoundException>(() => FileStatus.Lstat(_tree["missing"]));
    }

    [Fact]
    public void PoisonedRecordCannotChangeTheResultOnceStatusDiffers()
    {
        var expected = Scan().Digest;
        // A cache entry with a wrong hash but a stale status is never used.
        var text = File.ReadAllText(CacheFile);
        File.WriteAllText(_tree["a.txt"], "zzzz");
        File.SetLastWriteTimeUtc(_tree["a.txt"], Old);
        Assert.NotEqual(expected, Scan().Digest);
        Assert.DoesNotContain("zzzz", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheIsWrittenAtomicallyAndPrunedOfDeletedFiles()
    {
        Scan();
        File.Delete(_tree["b.txt"]);
        Scan();
        Assert.Single(Directory.GetFiles(_cache.Root));
        Assert.DoesNotContain(".tmp", CacheFile, StringComparison.Ordinal);
        var cache = FileHashCache.Open(_cache.Root, new DirectoryInfo(_tree.Root).FullName);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void UnwritableCacheDirectoryOnlyCostsTime()
    {
        var blocker = _cache.File("blocker", "a file where a directory should be");
        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root }, new ContextScanOptions { CacheDirectory = Path.Combine(blocker, "sub") });
        Assert.Equal(3, snapshot.FilesHashed);
    }
}
