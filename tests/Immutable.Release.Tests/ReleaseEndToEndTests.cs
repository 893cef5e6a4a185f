using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Immutable.Release.Tests;

/// <summary>The real tool, run as a process, with a stand-in binary and a throwaway gpg key.</summary>
public sealed class ReleaseEndToEndTests(GpgKeyring keyring) : IClassFixture<GpgKeyring>
{
    private const string Version = "0.1.0";
    private const string StandIn = "#!/bin/sh\necho stand-in provider\n";

    private static string[] ReleaseArgs(string binary, string output, params string[] more) =>
        ["release", "--version", Version, "--binary", binary, "--rid", "linux-x64", "--manifest", Processes.RegistryManifest(), "--out", output, .. more];

    [Fact]
    public void SignedReleaseVerifiesAndListsEveryFile()
    {
        using var work = new TempDirectory();
        var binary = work.File("provider", StandIn);
        var output = Path.Combine(work.Path, "release");

        var result = Processes.Tool(ReleaseArgs(binary, output, "--gpg-key", keyring.Fingerprint), keyring.Environment);
        Assert.True(result.ExitCode == 0, result.ToString());

        var directory = Path.Combine(output, Version);
        Assert.Equal(
            [
                "terraform-provider-immutable_0.1.0_SHA256SUMS",
                "terraform-provider-immutable_0.1.0_SHA256SUMS.sig",
                "terraform-provider-immutable_0.1.0_linux_amd64.zip",
                "terraform-provider-immutable_0.1.0_manifest.json",
            ],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([Version], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));

        var sums = Path.Combine(directory, "terraform-provider-immutable_0.1.0_SHA256SUMS");
        var signature = sums + ".sig";
        var verified = keyring.Gpg(["--batch", "--verify", signature, sums]);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Good signature", verified.Stderr, StringComparison.Ordinal);
        Assert.NotEqual((byte)'-', File.ReadAllBytes(signature)[0]); // binary, not ASCII-armored

        var lines = File.ReadAllLines(sums);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            var match = Regex.Match(line, "^([0-9a-f]{64})  (\\S+)$");
            Assert.True(match.Success, line);
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, match.Groups[2].Value))));
            Assert.Equal(hash, match.Groups[1].Value);
        }

        Assert.Equal(
            ["terraform-provider-immutable_0.1.0_linux_amd64.zip", "terraform-provider-immutable_0.1.0_manifest.json"],
            lines.Select(l => l[66..]));
        Assert.Equal(File.ReadAllBytes(Processes.RegistryManifest()), File.ReadAllBytes(Path.Combine(directory, "terraform-provider-immutable_0.1.0_manifest.json")));

        var zipPath = Path.Combine(directory, "terraform-provider-immutable_0.1.0_linux_amd64.zip");
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            var entry = Assert.Single(zip.Entries);
            Assert.Equal("terraform-provider-immutable_v0.1.0", entry.FullName);
            Assert.Equal(0x81ED, (entry.ExternalAttributes >> 16) & 0xFFFF);
            using var reader = new StreamReader(entry.Open());
            Assert.Equal(StandIn, reader.ReadToEnd());
        }

        Assert.Contains(PackageHashes.H1OfZip(zipPath), result.Stdout, StringComparison.Ordinal);
        Assert.Contains("zh:" + lines[0][..64], result.Stdout, StringComparison.Ordinal);

        // The signature covers the listed hashes: a changed SHA256SUMS no longer verifies.
        File.AppendAllText(sums, "0000000000000000000000000000000000000000000000000000000000000000  extra.zip\n");
        Assert.NotEqual(0, keyring.Gpg(["--batch", "--verify", signature, sums]).ExitCode);
    }

    [Fact]
    public void TwoReleasesOfTheSameBinaryHaveTheSameZip()
    {
        using var work = new TempDirectory();
        var binary = work.File("provider", StandIn);
        var first = Processes.Tool(ReleaseArgs(binary, Path.Combine(work.Path, "a"), "--unsigned"));
        Assert.True(first.ExitCode == 0, first.ToString());
        File.SetLastWriteTimeUtc(binary, DateTime.UtcNow.AddDays(-3));
        var second = Processes.Tool(ReleaseArgs(binary, Path.Combine(work.Path, "b"), "--unsigned"));
        Assert.True(second.ExitCode == 0, second.ToString());

        foreach (var name in new[] { "terraform-provider-immutable_0.1.0_linux_amd64.zip", "terraform-provider-immutable_0.1.0_SHA256SUMS" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(work.Path, "a", Version, name)), File.ReadAllBytes(Path.Combine(work.Path, "b", Version, name)));
        }
    }

    [Fact]
    public void UnsignedReleaseHasNoSignatureAndSaysSo()
    {
        using var work = new TempDirectory();
        var result = Processes.Tool(ReleaseArgs(work.File("provider", StandIn), Path.Combine(work.Path, "out"), "--unsigned"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("UNSIGNED", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(work.Path, "out", Version)).Length);
    }

    [Fact]
    public void KeyFromTheEnvironmentSigns()
    {
        using var work = new TempDirectory();
        var environment = new Dictionary<string, string?>(keyring.Environment) { ["IMMUTABLE_GPG_KEY"] = keyring.Fingerprint };
        var result = Processes.Tool(ReleaseArgs(work.File("provider", StandIn), Path.Combine(work.Path, "out")), environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(work.Path, "out", Version, "terraform-provider-immutable_0.1.0_SHA256SUMS.sig")));
    }

    public static TheoryData<string, string, string, string[], string> BadInputs => new()
    {
        // version, rid, binary ("" = a real stand-in), more options, what the error says
        { "v0.1.0", "linux-x64", "", ["--unsigned"], "leading 'v'" },
        { "0.1", "linux-x64", "", ["--unsigned"], "not a semantic version" },
        { "0.1.0", "linux-musl-x64", "", ["--unsigned"], "unsupported platform" },
        { "0.1.0", "linux-x64", "/nonexistent/provider", ["--unsigned"], "does not exist" },
        { "0.1.0", "linux-x64", "", ["--gpg-key", "no-such-key@immutable.invalid"], "no secret key" },
        { "0.1.0", "linux-x64", "", [], "no signing key" },
        { "0.1.0", "linux-x64", "", ["--gpg-key", "KEY", "--unsigned"], "contradict" },
        { "0.1.0", "linux-x64", "", ["--unsigned", "--surprise", "x"], "unknown option --surprise" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputFailsClearlyAndWritesNothing(string version, string rid, string binary, string[] more, string message)
    {
        using var work = new TempDirectory();
        var output = Path.Combine(work.Path, "release");
        var result = Processes.Tool(
            ["release", "--version", version, "--binary", binary.Length == 0 ? work.File("provider", StandIn) : binary, "--rid", rid,
             "--manifest", Processes.RegistryManifest(), "--out", output, .. more],
            keyring.Environment);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("immutable-release: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("(absent)", Snapshot.Of(output));
    }

    [Fact]
    public void AFailedReleaseLeavesThePreviousOneInPlace()
    {
        using var work = new TempDirectory();
        var output = Path.Combine(work.Path, "release");
        var binary = work.File("provider", StandIn);
        Assert.Equal(0, Processes.Tool(ReleaseArgs(binary, output, "--unsigned")).ExitCode);
        var before = Snapshot.Of(output);

        var failed = Processes.Tool(ReleaseArgs(binary, output, "--gpg-key", "no-such-key@immutable.invalid"), keyring.Environment);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(before, Snapshot.Of(output));

        // A successful release of the same version replaces it whole.
        var signed = Processes.Tool(ReleaseArgs(binary, output, "--gpg-key", keyring.Fingerprint), keyring.Environment);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, Version)).Length);
        Assert.Equal([Version], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void ReleaseMergesZipsPackedOnOtherRunners()
    {
        using var work = new TempDirectory();
        var binary = work.File("provider", StandIn);
        var packages = Path.Combine(work.Path, "packages");
        foreach (var rid in new[] { "linux-arm64", "win-x64" })
        {
            var packed = Processes.Tool(["package", "--version", Version, "--binary", binary, "--rid", rid, "--out", packages]);
            Assert.True(packed.ExitCode == 0, packed.ToString());
        }

        var zips = Directory.GetFiles(packages).Order(StringComparer.Ordinal).ToArray();
        var output = Path.Combine(work.Path, "release");
        var result = Processes.Tool(
            ["release", "--version", Version, "--binary", binary, "--rid", "linux-x64", "--zip", zips[0], "--zip", zips[1],
             "--manifest", Processes.RegistryManifest(), "--out", output, "--gpg-key", keyring.Fingerprint],
            keyring.Environment);
        Assert.True(result.ExitCode == 0, result.ToString());

        var sums = File.ReadAllLines(Path.Combine(output, Version, "terraform-provider-immutable_0.1.0_SHA256SUMS")).Select(l => l[66..]);
        Assert.Equal(
            [
                "terraform-provider-immutable_0.1.0_linux_amd64.zip",
                "terraform-provider-immutable_0.1.0_linux_arm64.zip",
                "terraform-provider-immutable_0.1.0_manifest.json",
                "terraform-provider-immutable_0.1.0_windows_amd64.zip",
            ],
            sums);
    }
}
