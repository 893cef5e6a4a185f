using System.IO.Compression;

namespace Immutable.Release.Tests;

/// <summary>Installs into a temporary filesystem mirror with the real tool, in both of Terraform's layouts.</summary>
public sealed class InstallTests
{
    private const string StandIn = "#!/bin/sh\necho stand-in provider\n";
    private const string ProviderDirectory = "registry.terraform.io/immutable-infra/immutable";

    [Fact]
    public void InstallsPackedAndUnpackedLayoutsWithTheSameHash()
    {
        using var work = new TempDirectory();
        var mirror = Path.Combine(work.Path, "mirror");
        var result = Processes.Tool(["install", "--version", "0.1.0", "--binary", work.File("provider", StandIn), "--rid", "linux-x64", "--mirror", mirror]);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal(
            string.Join('\n',
                "registry.terraform.io",
                "registry.terraform.io/immutable-infra",
                ProviderDirectory,
                $"{ProviderDirectory}/0.1.0",
                $"{ProviderDirectory}/0.1.0/linux_amd64",
                $"{ProviderDirectory}/0.1.0/linux_amd64/terraform-provider-immutable_v0.1.0",
                $"{ProviderDirectory}/terraform-provider-immutable_0.1.0_linux_amd64.zip"),
            string.Join('\n', Directory.EnumerateFileSystemEntries(mirror, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(mirror, p).Replace('\\', '/')).Order(StringComparer.Ordinal)));

        var zip = Path.Combine(mirror, ProviderDirectory, "terraform-provider-immutable_0.1.0_linux_amd64.zip");
        var unpacked = Path.Combine(mirror, ProviderDirectory, "0.1.0", "linux_amd64");
        var executable = Path.Combine(unpacked, "terraform-provider-immutable_v0.1.0");
        Assert.Equal(StandIn, File.ReadAllText(executable));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(DeterministicZip.Executable, File.GetUnixFileMode(executable));
        }

        var h1 = PackageHashes.H1OfZip(zip);
        Assert.Equal(h1, PackageHashes.H1OfDirectory(unpacked));
        Assert.Contains($"\"{h1}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"{PackageHashes.Zh(zip)}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("filesystem_mirror {", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"path    = \"{mirror}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("provider \"registry.terraform.io/immutable-infra/immutable\" {", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(mirror, ".immutable-install-*"));
    }

    [Fact]
    public void InstallsAReleaseZipAsIs()
    {
        using var work = new TempDirectory();
        var zip = ProviderPackage.Create("0.2.0-rc.1", work.File("provider", StandIn), TerraformPlatform.FromRid("linux-arm64"), work.Path);
        var mirror = Path.Combine(work.Path, "mirror");

        var result = Processes.Tool(["install", "--version", "0.2.0-rc.1", "--zip", zip], new Dictionary<string, string?> { ["IMMUTABLE_MIRROR"] = mirror });
        Assert.True(result.ExitCode == 0, result.ToString());

        var installed = Path.Combine(mirror, ProviderDirectory, "terraform-provider-immutable_0.2.0-rc.1_linux_arm64.zip");
        Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(installed));
        Assert.True(File.Exists(Path.Combine(mirror, ProviderDirectory, "0.2.0-rc.1", "linux_arm64", "terraform-provider-immutable_v0.2.0-rc.1")));
    }

    [Fact]
    public void ReinstallReplacesBothLayouts()
    {
        using var work = new TempDirectory();
        var mirror = Path.Combine(work.Path, "mirror");
        var platform = TerraformPlatform.FromRid("linux-x64");
        MirrorInstaller.InstallBinary("0.1.0", work.File("old", "old build"), platform, mirror);
        var stale = Path.Combine(mirror, ProviderDirectory, "0.1.0", "linux_amd64", "stale-file");
        File.WriteAllText(stale, "left by hand");

        var result = MirrorInstaller.InstallBinary("0.1.0", work.File("new", "new build"), platform, mirror);

        Assert.False(File.Exists(stale));
        Assert.Equal("new build", File.ReadAllText(Path.Combine(result.UnpackedDirectory, "terraform-provider-immutable_v0.1.0")));
        Assert.Equal(result.H1, PackageHashes.H1OfZip(result.PackedPath));
        Assert.Equal(result.H1, PackageHashes.H1OfDirectory(result.UnpackedDirectory));
    }

    public static TheoryData<string[], string> FailedInstalls => new()
    {
        { ["install", "--version", "0.1.0", "--binary", "/nonexistent/provider", "--rid", "linux-x64"], "does not exist" },
        { ["install", "--version", "v0.1.0", "--binary", "BINARY", "--rid", "linux-x64"], "leading 'v'" },
        { ["install", "--version", "0.1.0", "--binary", "BINARY", "--rid", "osx-ppc"], "unsupported platform" },
        { ["install", "--version", "0.3.0", "--zip", "ZIP"], "is not named" },
        { ["install", "--version", "0.1.0", "--zip", "BINARY"], "is not named" },
        { ["install", "--version", "0.1.0"], "either --zip" },
    };

    [Theory]
    [MemberData(nameof(FailedInstalls))]
    public void FailedInstallLeavesTheMirrorUntouched(string[] args, string message)
    {
        using var work = new TempDirectory();
        var mirror = Path.Combine(work.Path, "mirror");
        var binary = work.File("provider", StandIn);
        var zip = ProviderPackage.Create("0.1.0", binary, TerraformPlatform.FromRid("linux-x64"), work.Path);
        MirrorInstaller.InstallZip("0.1.0", zip, mirror);
        var before = Snapshot.Of(mirror);

        var result = Processes.Tool(
            [.. args.Select(a => a switch { "BINARY" => binary, "ZIP" => zip, _ => a }), "--mirror", mirror]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot.Of(mirror));
    }

    [Fact]
    public void ACorruptZipIsRefusedBeforeTheMirrorIsTouched()
    {
        using var work = new TempDirectory();
        var zip = work.File("terraform-provider-immutable_0.1.0_linux_amd64.zip", "not a zip");
        var mirror = Path.Combine(work.Path, "mirror");

        var error = Assert.Throws<ReleaseException>(() => MirrorInstaller.InstallZip("0.1.0", zip, mirror));

        Assert.Contains("not a readable zip", error.Message, StringComparison.Ordinal);
        Assert.Equal("(absent)", Snapshot.Of(mirror));
    }

    [Fact]
    public void HashCommandPrintsBothHashesOfAZip()
    {
        using var work = new TempDirectory();
        var zip = ProviderPackage.Create("0.1.0", work.File("provider", StandIn), TerraformPlatform.FromRid("linux-x64"), work.Path);
        var unpacked = Directory.CreateDirectory(Path.Combine(work.Path, "unpacked")).FullName;
        ZipFile.ExtractToDirectory(zip, unpacked);

        var ofZip = Processes.Tool(["hash", zip]);
        var ofDirectory = Processes.Tool(["hash", unpacked]);

        Assert.Equal($"{PackageHashes.H1OfZip(zip)}\n{PackageHashes.Zh(zip)}\n", ofZip.Stdout);
        Assert.Equal($"{PackageHashes.H1OfZip(zip)}\n", ofDirectory.Stdout);
    }
}
