namespace Immutable.Release.Tests;

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux-x64", "linux_amd64", "")]
    [InlineData("linux-arm64", "linux_arm64", "")]
    [InlineData("osx-x64", "darwin_amd64", "")]
    [InlineData("osx-arm64", "darwin_arm64", "")]
    [InlineData("win-x64", "windows_amd64", ".exe")]
    [InlineData("win-arm64", "windows_arm64", ".exe")]
    public void MapsRuntimeIdentifiersToTerraformPlatforms(string rid, string platform, string suffix)
    {
        var mapped = TerraformPlatform.FromRid(rid);
        Assert.Equal(platform, mapped.ToString());
        Assert.Equal(suffix, mapped.ExecutableSuffix);
    }

    [Theory]
    [InlineData("linux-musl-x64")]
    [InlineData("linux-arm")]
    [InlineData("win-x86")]
    [InlineData("freebsd-x64")]
    [InlineData("Linux-X64")]
    [InlineData("")]
    [InlineData(null)]
    public void RejectsOtherRuntimeIdentifiers(string? rid)
    {
        var error = Assert.Throws<ReleaseException>(() => TerraformPlatform.FromRid(rid));
        Assert.Contains("unsupported platform", error.Message, StringComparison.Ordinal);
        Assert.Contains("linux-x64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesFilesAsTheRegistryExpects()
    {
        var linux = TerraformPlatform.FromRid("linux-x64");
        var windows = TerraformPlatform.FromRid("win-arm64");
        Assert.Equal("terraform-provider-immutable_0.1.0_linux_amd64.zip", ProviderFiles.Zip("0.1.0", linux));
        Assert.Equal("terraform-provider-immutable_v0.1.0", ProviderFiles.Executable("0.1.0", linux));
        Assert.Equal("terraform-provider-immutable_v0.1.0.exe", ProviderFiles.Executable("0.1.0", windows));
        Assert.Equal("terraform-provider-immutable_0.1.0_manifest.json", ProviderFiles.Manifest("0.1.0"));
        Assert.Equal("terraform-provider-immutable_0.1.0_SHA256SUMS", ProviderFiles.Sums("0.1.0"));
        Assert.Equal("terraform-provider-immutable_0.1.0_SHA256SUMS.sig", ProviderFiles.Signature("0.1.0"));
        Assert.Equal("registry.terraform.io/immutable-infra/immutable", ProviderFiles.Address);
    }

    [Fact]
    public void PlatformCommandPrintsTheTerraformSpelling()
    {
        var result = Processes.Tool(["platform", "--rid", "osx-arm64"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("darwin_arm64\n", result.Stdout);

        var unknown = Processes.Tool(["platform", "--rid", "linux-musl-x64"]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unsupported platform", unknown.Stderr, StringComparison.Ordinal);
    }
}
