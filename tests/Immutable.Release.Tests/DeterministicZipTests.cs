using System.IO.Compression;

namespace Immutable.Release.Tests;

public sealed class DeterministicZipTests
{
    [Fact]
    public void SameContentGivesTheSameBytes()
    {
        using var directory = new TempDirectory();
        var first = directory.File("first", "one binary");
        var platform = new TerraformPlatform("linux", "amd64");
        var a = ProviderPackage.Create("0.1.0", first, platform, Directory.CreateDirectory(Path.Combine(directory.Path, "a")).FullName);

        // A copy with other timestamps and permissions packs to the same bytes.
        var second = Path.Combine(directory.Path, "second");
        File.Copy(first, second);
        File.SetLastWriteTimeUtc(second, new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(second, UnixFileMode.UserRead);
        }

        var b = ProviderPackage.Create("0.1.0", second, platform, Directory.CreateDirectory(Path.Combine(directory.Path, "b")).FullName);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void EntriesAreSortedWithFixedTimeAndMode()
    {
        using var directory = new TempDirectory();
        var zipPath = Path.Combine(directory.Path, "out.zip");
        DeterministicZip.Write(zipPath,
        [
            new DeterministicZip.Entry("b", directory.File("b", "B"), DeterministicZip.Executable),
            new DeterministicZip.Entry("a", directory.File("a", "A"), UnixFileMode.UserRead | UnixFileMode.UserWrite),
        ]);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["a", "b"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(DeterministicZip.Timestamp.DateTime, e.LastWriteTime.DateTime));
        Assert.Equal(0x8180, (zip.Entries[0].ExternalAttributes >> 16) & 0xFFFF);
        Assert.Equal(0x81ED, (zip.Entries[1].ExternalAttributes >> 16) & 0xFFFF);
    }

    [Fact]
    public void ProviderZipHoldsExactlyTheExecutable()
    {
        using var directory = new TempDirectory();
        var binary = directory.File("provider", "stand-in");
        var zipPath = ProviderPackage.Create("1.2.3-rc.1", binary, TerraformPlatform.FromRid("win-x64"), directory.Path);

        Assert.Equal("terraform-provider-immutable_1.2.3-rc.1_windows_amd64.zip", Path.GetFileName(zipPath));
        Assert.Equal(new TerraformPlatform("windows", "amd64"), ProviderPackage.Inspect(zipPath, "1.2.3-rc.1"));
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = Assert.Single(zip.Entries);
        Assert.Equal("terraform-provider-immutable_v1.2.3-rc.1.exe", entry.FullName);
        using var reader = new StreamReader(entry.Open());
        Assert.Equal("stand-in", reader.ReadToEnd());
    }

    [Fact]
    public void InspectRejectsAZipForAnotherVersionOrWithOtherFiles()
    {
        using var directory = new TempDirectory();
        var binary = directory.File("provider", "stand-in");
        var zipPath = ProviderPackage.Create("0.1.0", binary, TerraformPlatform.FromRid("linux-x64"), directory.Path);
        Assert.Contains("is not named", Assert.Throws<ReleaseException>(() => ProviderPackage.Inspect(zipPath, "0.2.0")).Message, StringComparison.Ordinal);

        var extra = Path.Combine(directory.Path, "other", Path.GetFileName(zipPath));
        Directory.CreateDirectory(Path.GetDirectoryName(extra)!);
        DeterministicZip.Write(extra,
        [
            new DeterministicZip.Entry("terraform-provider-immutable_v0.1.0", binary, DeterministicZip.Executable),
            new DeterministicZip.Entry("README", binary, DeterministicZip.Executable),
        ]);
        Assert.Contains("must hold exactly", Assert.Throws<ReleaseException>(() => ProviderPackage.Inspect(extra, "0.1.0")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256SumsListsFilesSortedWithTwoSpaces()
    {
        using var directory = new TempDirectory();
        var b = directory.File("b.zip", "abc");
        var a = directory.File("a.json", "");
        var text = Sha256Sums.Format([b, a]);
        Assert.Equal(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.json\n" +
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  b.zip\n",
            text);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Sums.Parse(text)["b.zip"]);
    }
}
