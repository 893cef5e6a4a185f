using System.IO.Compression;
using System.Text;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// The manifest is written as bytes straight from the scan's table; it must be exactly the v1 text that the
/// entries describe (kind, octal mode, hash or link target or "-", path, tab-separated) and load back into
/// the signatures <see cref="ContextManifest.Signature"/> gives.
/// </summary>
public sealed class ContextManifestTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TempTree _cache = new();

    public void Dispose()
    {
        _tree.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public void WrittenFromTheTableItIsTheTextOfTheEntries()
    {
        _tree.File("Dockerfile", "FROM scratch\n");
        _tree.File(".dockerignore", "*.tmp\n");
        _tree.File("src/main.c", "int main;");
        _tree.File("src/ünï name.txt", "odd name");
        _tree.File("bin/run.sh", "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tree["bin/run.sh"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _tree.Dir("empty");
        _tree.Link("src/link", "main.c");
        var snapshot = ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root });

        ContextManifest.Save(_cache.Root, snapshot);

        var expected = new StringBuilder("immutable-context-manifest v1\n");
        foreach (var entry in snapshot.Entries)
        {
            expected.Append(ContextManifest.Signature(entry)).Append('\t').Append(entry.Path).Append('\n');
        }

        using (var gzip = new GZipStream(File.OpenRead(ContextManifest.PathFor(_cache.Root, snapshot.Digest)), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip, Encoding.UTF8))
        {
            Assert.Equal(expected.ToString(), reader.ReadToEnd());
        }

        var loaded = ContextManifest.Load(_cache.Root, snapshot.Digest)!;
        Assert.Equal(snapshot.Entries.Count, loaded.Count);
        Assert.All(snapshot.Entries, e => Assert.Equal(ContextManifest.Signature(e), loaded[e.Path]));
        Assert.StartsWith(OperatingSystem.IsWindows() ? "f\t644\tsha256:" : "f\t755\tsha256:", loaded["bin/run.sh"], StringComparison.Ordinal);
        Assert.Equal("l\t777\tmain.c", loaded["src/link"]);
        Assert.Equal("d\t755\t-", loaded["empty"]);
    }
}
