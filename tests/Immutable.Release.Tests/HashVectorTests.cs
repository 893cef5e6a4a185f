using System.IO.Compression;
using System.Text;

namespace Immutable.Release.Tests;

/// <summary>
/// h1:/zh: against known vectors. The dirhash vectors are the cases of golang.org/x/mod/sumdb/dirhash's own tests
/// (TestHash1, TestHashZip), whose expected values were computed once, independently, with Python's hashlib; the
/// Terraform vector is the hash its provider installer tests expect for internal/providercache/testdata/beep-provider.
/// </summary>
public sealed class HashVectorTests
{
    private static Stream Text(string content) => new MemoryStream(Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Hash1MatchesDirhashTestHash1()
    {
        var hash = PackageHashes.H1(["xyz", "abc"], name => Text("data for " + name));
        Assert.Equal("h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=", hash);
    }

    [Fact]
    public void Hash1RejectsNewlinesInNames()
    {
        var error = Assert.Throws<ReleaseException>(() => PackageHashes.H1(["xyz", "a\nbc"], name => Text("data for " + name)));
        Assert.Contains("newline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash1SortsNamesByUtf8BytesLikeGo()
    {
        // U+FF61 is EF BD A1 in UTF-8, U+1F600 is F0 9F 98 80: Go sorts U+FF61 first; UTF-16 order would not.
        var hash = PackageHashes.H1(["\U0001F600", "\uFF61"], name => Text(name == "\uFF61" ? "a" : "b"));
        Assert.Equal("h1:L376HF86pmJQiV2swMNGn7KoLiXRgUE8XlH+0L+Df9U=", hash);
    }

    [Fact]
    public void HashZipMatchesDirhashTestHashZip()
    {
        using var directory = new TempDirectory();
        var zipPath = Path.Combine(directory.Path, "test.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "xyz", "abc" })
            {
                using var writer = new StreamWriter(zip.CreateEntry("prefix/" + name).Open());
                writer.Write("data for " + name);
            }
        }

        Assert.Equal("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=", PackageHashes.H1OfZip(zipPath));
    }

    [Fact]
    public void HashDirectoryMatchesTerraformBeepProviderVector()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(
            Path.Combine(directory.Path, "terraform-provider-beep"),
            "This is not a real provider executable. It's just here to give the installer\nsomething to copy in some of our installer test cases.\n");

        Assert.Equal("h1:2y06Ykj0FRneZfGCTxI9wRTori8iB7ZL5kQ6YyEnh84=", PackageHashes.H1OfDirectory(directory.Path));
    }

    [Fact]
    public void HashDirectoryUsesSlashSeparatedRelativeNames()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, "prefix"));
        File.WriteAllText(Path.Combine(directory.Path, "prefix", "xyz"), "data for xyz");
        File.WriteAllText(Path.Combine(directory.Path, "prefix", "abc"), "data for abc");

        Assert.Equal("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=", PackageHashes.H1OfDirectory(directory.Path));
    }

    [Fact]
    public void ZhIsTheHexSha256OfTheFile()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "abc");
        File.WriteAllText(path, "abc");

        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.Equal("zh:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PackageHashes.Zh(path));
    }

    [Fact]
    public void ProviderZipAndItsUnpackedFilesHashTheSame()
    {
        using var directory = new TempDirectory();
        var binary = directory.File("provider", "#!/bin/sh\necho stand-in provider\n");
        var platform = new TerraformPlatform("linux", "amd64");
        var zip = ProviderPackage.Create("0.1.0", binary, platform, directory.Path);
        var unpacked = Directory.CreateDirectory(Path.Combine(directory.Path, "unpacked")).FullName;
        ZipFile.ExtractToDirectory(zip, unpacked);

        const string expected = "h1:MAaSq84ZSXZ/YvyoSs84cD4HQpGLkDLeYSwPg87XytU=";
        Assert.Equal(expected, PackageHashes.H1OfZip(zip));
        Assert.Equal(expected, PackageHashes.H1OfDirectory(unpacked));
    }
}
