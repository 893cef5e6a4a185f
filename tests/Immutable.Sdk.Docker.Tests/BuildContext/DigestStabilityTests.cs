using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// The context digest is stored in Terraform state: if the same inputs ever digest differently, every
/// existing image plans a replacement after an upgrade. These values were computed by the scanner as it
/// was before the compact rewrite (main at 76cd968) and must never change.
/// </summary>
public sealed class DigestStabilityTests : IDisposable
{
    private readonly TempTree _tree = new();

    public DigestStabilityTests()
    {
        _tree.File("Dockerfile", "FROM scratch\nCOPY . /\n");
        _tree.File(".dockerignore", "*.log\n!keep.log\nbuild/\n");
        _tree.File("src/main.c", "int main(void) { return 0; }\n");
        _tree.File("src/lib/util.h", "#pragma once\n");
        _tree.File("src.txt", "sorts between src and src/ by code point\n");
        _tree.File("run.sh", "#!/bin/sh\necho hi\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tree["run.sh"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _tree.File("debug.log", "ignored\n");
        _tree.File("keep.log", "re-included\n");
        _tree.File("build/out.o", "ignored directory\n");
        _tree.File("naïve/ünïcödé \"quoted\" name.txt", "non-ASCII and a quote in the path\n");
        _tree.File("tab\tname", "a control character in the name\n");
        _tree.File("empty.bin", string.Empty);
        _tree.File("big.bin", new string('x', 300_000));
        _tree.Dir("empty-dir");
        _tree.Link("link-to-main", "src/main.c");
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void DigestOfAFixedTreeNeverChanges()
    {
        var snapshot = ContextScanner.Scan(new BuildInputs
        {
            ContextDirectory = _tree.Root,
            BuildArgs = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" },
            Labels = new Dictionary<string, string> { ["team"] = "core" },
            Target = "final",
            Platform = "linux/amd64",
            SourceDateEpoch = 1_700_000_000,
        });

        Assert.Equal(PinnedDigest, snapshot.Digest);
        Assert.Equal(PinnedEntries, snapshot.Entries.Select(e => $"{e.Path} {e.Kind} {Convert.ToString(e.Mode, 8)} {e.Size} {e.ContentHash ?? e.LinkTarget}").ToArray());
    }

    [Fact]
    public void DigestWithAWarmCacheIsTheSame()
    {
        using var cache = new TempTree();
        var options = new ContextScanOptions { CacheDirectory = cache.Root, RacyMargin = TimeSpan.Zero };
        var inputs = new BuildInputs { ContextDirectory = _tree.Root };
        var cold = ContextScanner.Scan(inputs, options);
        var warm = ContextScanner.Scan(inputs, options);
        Assert.Equal(PinnedDefaultDigest, cold.Digest);
        Assert.Equal(PinnedDefaultDigest, warm.Digest);
    }

    [Fact]
    public void DigestWithBuilderOnlyFilesNeverChanges()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File(".dockerignore", "Dockerfile\n.dockerignore\n*.tmp\n");
        tree.File("app/a.txt", "a\n");
        tree.File("app/b.tmp", "b\n");
        Assert.Equal(PinnedBuilderOnlyDigest, ContextScanner.Scan(new BuildInputs { ContextDirectory = tree.Root }).Digest);
    }

    private const string PinnedBuilderOnlyDigest = "sha256:192966063573d7de443bc45785736c24b8f15d755d3a047ea71f01738d447a6e";
    private const string PinnedDigest = "sha256:7624f99d15c55685e12909cf1a29567f3e7fac0e5585ea8085b37b849f519d84";
    private const string PinnedDefaultDigest = "sha256:d9ba3ea934d42847af4439e91e96bb7443e5429aa28b1853903a6e6929eb6f70";
    private static readonly string[] PinnedEntries =
    [
        ".dockerignore File 644 23 sha256:a33d7a1622cd7f3d597ead6111fb784209162ba64bc7c428f6df735485e2a9ca",
        "Dockerfile File 644 22 sha256:0837162982057d16f6c2363c396d2811f9839aeb2480f977ad955788e8c73e36",
        "big.bin File 644 300000 sha256:29927e273accc68286005017f7fa6e4f27bddb4db3083ff8b8d4c3667905b7fa",
        "empty-dir Directory 755 0 ",
        "empty.bin File 644 0 sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "keep.log File 644 12 sha256:eef39396f1682f74f7cd103bbde7534c31c239e1603714a846967b306aab7574",
        "link-to-main Symlink 777 0 src/main.c",
        "naïve Directory 755 0 ",
        "naïve/ünïcödé \"quoted\" name.txt File 644 34 sha256:a96bcb98cf0794efab65e4187efb3eab72283a4a0dcd721616a8e4e54ecf93f6",
        "run.sh File 755 18 sha256:299001868fb8c02fd431c336c6d058f5558c5dff5b5af5e6fe04b870a6a9cbba",
        "src Directory 755 0 ",
        "src.txt File 644 41 sha256:a5ba4be056e4d3f8e10048dac5e318e1200d15c4e5b0ff070a40fd6afecfbd50",
        "src/lib Directory 755 0 ",
        "src/lib/util.h File 644 13 sha256:b3adf106d95b8934f690943f2921308b90be5b766c4c8ba250c792de56400201",
        "src/main.c File 644 29 sha256:2ad75d95660563887d8d3f1d0ae1dcf18c2379cbd83a5c72f5ab276351ee6949",
        "tab\tname File 644 32 sha256:cde2ace56b43cfce59bdfb900042eaa54ece4f6f9112e5e31f5e02eba9e0c38b",
    ];
}
