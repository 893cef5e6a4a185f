using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// A 20,000-file tree: the shape where the scan works in chunks across cores, reopens directories in
/// chunk after chunk and walks the cache with a cursor. Checks order, the digest against the text form
/// of the digest, the cache on re-scan, and that a change deep inside is found and re-hashed alone.
/// </summary>
public sealed class LargeTreeTests : IDisposable
{
    private const int Files = 20_000;
    private readonly TempTree _tree = new();
    private readonly TempTree _cache = new();

    public LargeTreeTests()
    {
        _tree.File("Dockerfile", "FROM scratch\nCOPY . /\n");
        _tree.File(".dockerignore", "**/*.tmp\n!keep/**/*.tmp\n");
        for (var i = 0; i < Files; i++)
        {
            // Directories of 137 files, so chunks of 256 entries straddle directories.
            _tree.File(FileName(i), $"file {i}\n");
        }

        _tree.File("pkg00/m0/excluded.tmp", "left out");
        _tree.File("keep/deep/kept.tmp", "re-included");
        _tree.File("odd/quote\"back\\slash ünï\u0001.txt", "escaped in the digest text");
        _tree.Link("odd/link", "../keep/deep/kept.tmp");
    }

    public void Dispose()
    {
        _tree.Dispose();
        _cache.Dispose();
    }

    private ContextSnapshot Scan() => ContextScanner.Scan(
        new BuildInputs { ContextDirectory = _tree.Root },
        new ContextScanOptions { CacheDirectory = _cache.Root, TimeProvider = new LaterClock() });

    [Fact]
    public void ColdAndWarmScansAgreeAndTheCacheVouchesForEveryFile()
    {
        var cold = Scan();
        var entries = cold.Entries.ToList();
        Assert.Equal(Files + 4, entries.Count(e => e.Kind == ContextEntryKind.File));
        Assert.Equal(Files + 4, cold.FilesHashed);
        Assert.DoesNotContain(entries, e => e.Path.EndsWith("excluded.tmp", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Path == "keep/deep/kept.tmp");
        Assert.Equal("../keep/deep/kept.tmp", entries.Single(e => e.Path == "odd/link").LinkTarget);
        Assert.Equal(entries.Select(e => e.Path).Order(PathOrder.Instance), entries.Select(e => e.Path));

        // The digest taken straight from the compact table equals the one over the text of the entries.
        Assert.Equal(ContextDigest.Compute(cold.Inputs, cold.Dockerfile, entries, cold.IgnoreFile), cold.Digest);

        var warm = Scan();
        Assert.Equal(0, warm.FilesHashed);
        Assert.Equal(cold.Digest, warm.Digest);
        Assert.Equal(Files + 4, FileHashCache.Open(_cache.Root, cold.ContextRoot).Count);
    }

    [Fact]
    public void AChangeDeepInsideIsFoundAndOnlyThatFileIsRead()
    {
        var before = Scan();
        Assert.True(File.Exists(_tree[FileName(19_934)]));
        File.WriteAllText(_tree[FileName(12_399)], "changed\n");
        File.Delete(_tree[FileName(19_934)]);
        var after = Scan();
        Assert.Equal(1, after.FilesHashed);
        Assert.NotEqual(before.Digest, after.Digest);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("changed\n"u8)), after.Entries.Single(e => e.Path == FileName(12_399)).ContentHash);
        Assert.Equal(Files + 3, FileHashCache.Open(_cache.Root, after.ContextRoot).Count);
    }

    private static string FileName(int i) => $"pkg{i / 1370:D2}/m{i / 137 % 10}/f{i:D5}.js";

    /// <summary>An hour ahead, so files written by the test are already older than the racy margin.</summary>
    private sealed class LaterClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddHours(1);
    }
}
