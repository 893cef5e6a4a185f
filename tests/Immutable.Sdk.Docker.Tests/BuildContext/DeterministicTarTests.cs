using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

public sealed class DeterministicTarTests : IDisposable
{
    private readonly TempTree _a = new();
    private readonly TempTree _b = new();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    private static readonly string LongPath = string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 8)) + "/fïlé-日本.txt";

    // The same tree, with host metadata that must not leak into the tar.
    private static void Populate(TempTree tree, DateTime mtime, UnixFileMode fileMode, UnixFileMode dirMode)
    {
        tree.File("Dockerfile", "FROM scratch\nCOPY . /\n");
        tree.File("bin/run.sh", "#!/bin/sh\necho hi\n");
        tree.File("src/main.c", "int main(void) { return 0; }\n");
        tree.File(LongPath, "long");
        tree.Dir("empty");
        tree.Link("src/current", "main.c");
        foreach (var path in Directory.EnumerateFileSystemEntries(tree.Root, "*", SearchOption.AllDirectories).Append(tree.Root))
        {
            var isLink = new FileInfo(path).LinkTarget is not null;
            if (!isLink && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, Directory.Exists(path) ? dirMode : fileMode);
            }

            if (!isLink)
            {
                File.SetLastWriteTimeUtc(path, mtime);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tree["bin/run.sh"], fileMode | UnixFileMode.UserExecute);
        }
    }

    private static async Task<byte[]> TarOf(TempTree tree, long? epoch = null)
    {
        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = tree.Root, SourceDateEpoch = epoch });
        using var buffer = new MemoryStream();
        await snapshot.WriteTarAsync(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task SameTreeDifferentMtimesAndUmasksGivesIdenticalBytes()
    {
        const UnixFileMode umask022File = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode umask002File = umask022File | UnixFileMode.GroupWrite;
        const UnixFileMode umask022Dir = umask022File | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Populate(_a, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), umask022File, umask022Dir);
        Populate(_b, new DateTime(2024, 6, 30, 12, 34, 56, DateTimeKind.Utc), umask002File, umask022Dir | UnixFileMode.GroupWrite | UnixFileMode.SetGroup);

        var first = await TarOf(_a);
        var second = await TarOf(_b);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(second)));
        Assert.Equal(first, await TarOf(_a));
    }

    [Fact]
    public async Task EntriesReadBackWithNormalizedHeaders()
    {
        Populate(_a, DateTime.UtcNow, UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var bytes = await TarOf(_a, epoch: 1_700_000_000);
        var entries = new List<(TarEntry Entry, string? Content)>();
        using (var reader = new TarReader(new MemoryStream(bytes)))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                var content = entry.DataStream is null ? null : await new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEndAsync();
                entries.Add((entry, content));
            }
        }

        var names = entries.Select(e => e.Entry.Name).ToList();
        Assert.Equal(names.OrderBy(n => n.TrimEnd('/'), PathOrder.Instance), names);
        Assert.Contains("empty/", names);
        Assert.Contains(LongPath, names);
        Assert.All(entries, e =>
        {
            Assert.Equal(TarEntryFormat.Gnu, e.Entry.Format);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), e.Entry.ModificationTime);
            Assert.Equal(0, e.Entry.Uid);
            Assert.Equal(0, e.Entry.Gid);
            Assert.Equal(string.Empty, ((PosixTarEntry)e.Entry).UserName);
            Assert.Equal(string.Empty, ((PosixTarEntry)e.Entry).GroupName);
        });

        TarEntry Named(string name) => entries.Single(e => e.Entry.Name == name).Entry;
        Assert.Equal(TarEntryType.Directory, Named("src/").EntryType);
        Assert.Equal((UnixFileMode)0b111_101_101, Named("src/").Mode);
        Assert.Equal((UnixFileMode)0b110_100_100, Named("src/main.c").Mode);
        Assert.Equal((UnixFileMode)0b111_101_101, Named("bin/run.sh").Mode);
        Assert.Equal(TarEntryType.SymbolicLink, Named("src/current").EntryType);
        Assert.Equal("main.c", Named("src/current").LinkName);
        Assert.Equal("int main(void) { return 0; }\n", entries.Single(e => e.Entry.Name == "src/main.c").Content);
        Assert.Equal("long", entries.Single(e => e.Entry.Name == LongPath).Content);
    }

    [Fact]
    public async Task OpenTarStreamsTheSameBytes()
    {
        Populate(_a, DateTime.UtcNow, UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _a.File("big.bin", new string('z', 3 << 20));
        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = _a.Root });
        using var direct = new MemoryStream();
        await snapshot.WriteTarAsync(direct);
        using var piped = new MemoryStream();
        await using (var stream = snapshot.OpenTar())
        {
            await stream.CopyToAsync(piped);
        }

        Assert.Equal(direct.ToArray(), piped.ToArray());
    }

    [Theory]
    [InlineData("same size, new content", "ABCD")]
    [InlineData("longer", "abcde")]
    [InlineData("shorter", "abc")]
    public async Task FileChangedAfterPlanningFailsTheStream(string why, string content)
    {
        _a.File("Dockerfile", "FROM scratch");
        _a.File("data.txt", "abcd");
        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = _a.Root });
        File.WriteAllText(_a["data.txt"], content);
        await using var stream = snapshot.OpenTar();
        var error = await Assert.ThrowsAsync<BuildContextException>(() => stream.CopyToAsync(Stream.Null));
        Assert.True(error.Reason == BuildContextErrorReason.ContextChanged, why);
        Assert.Equal("data.txt", error.Path);
    }

    [Fact]
    public async Task DeletedFileFailsTheStream()
    {
        _a.File("Dockerfile", "FROM scratch");
        _a.File("gone.txt", "abcd");
        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = _a.Root });
        File.Delete(_a["gone.txt"]);
        using var sink = new MemoryStream();
        var error = await Assert.ThrowsAsync<BuildContextException>(() => snapshot.WriteTarAsync(sink));
        Assert.Equal(BuildContextErrorReason.ContextChanged, error.Reason);
    }

    [Fact]
    public async Task DisposingTheStreamEarlyStopsTheProducer()
    {
        _a.File("Dockerfile", "FROM scratch");
        for (var i = 0; i < 20; i++)
        {
            _a.File($"f{i}.bin", new string('q', 1 << 20));
        }

        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = _a.Root });
        var stream = snapshot.OpenTar();
        var buffer = new byte[4096];
        Assert.True(await stream.ReadAsync(buffer) > 0);
        await stream.DisposeAsync();
    }
}
