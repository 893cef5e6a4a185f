namespace Immutable.Analyzers.Tests;

/// <summary>The pure parsing helpers behind IMM0007 and IMM0008.</summary>
public class ParsingTests
{
    [Theory]
    [InlineData("nginx", "has no tag, so it means 'latest'")]
    [InlineData("nginx:latest", "uses the 'latest' tag, which moves")]
    [InlineData("nginx:LATEST", "uses the 'latest' tag, which moves")]
    [InlineData("registry.local:5000/team/api", "has no tag, so it means 'latest'")]
    [InlineData("registry.local:5000/team/api:latest", "uses the 'latest' tag, which moves")]
    [InlineData("nginx:1.27.2", null)]
    [InlineData("registry.local:5000/team/api:2024.11", null)]
    [InlineData("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", null)]
    [InlineData("nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", null)]
    [InlineData("", null)]
    [InlineData("not an image", null)]
    public void ImageReference_WithoutDigestRequirement(string reference, string? expected) =>
        Assert.Equal(expected, ImageReference.FindProblem(reference, separateTag: null, separateDigest: false, requireDigest: false));

    [Fact]
    public void ImageReference_SeparateTagAndDigest()
    {
        Assert.Null(ImageReference.FindProblem("redis", "7.4", separateDigest: false, requireDigest: false));
        Assert.NotNull(ImageReference.FindProblem("redis", "latest", separateDigest: false, requireDigest: false));
        Assert.Null(ImageReference.FindProblem("redis", null, separateDigest: true, requireDigest: true));
        Assert.NotNull(ImageReference.FindProblem("redis:7.4", null, separateDigest: false, requireDigest: true));
    }

    [Theory]
    [InlineData("apt-get install -y curl", "apt-get install")]
    [InlineData("sudo apt update", "apt update")]
    [InlineData("/usr/bin/pip3.12 install requests", "/usr/bin/pip3.12 install")]
    [InlineData("sh -c \"echo hi && npm i -g pm2\"", "npm i")]
    [InlineData("cmd.exe /c choco.exe upgrade all", "choco.exe upgrade")]
    [InlineData("dpkg -i app.deb", "dpkg -i")]
    [InlineData("pacman -Syu", "pacman -Syu")]
    [InlineData("apk del curl", "apk del")]
    [InlineData("npm run build", null)]
    [InlineData("npm -s run build", null)]
    [InlineData("pip list; echo install", null)]
    [InlineData("git add .", null)]
    [InlineData("apt list --installed", null)]
    public void PackageCommand_Find(string commandLine, string? expected) =>
        Assert.Equal(expected, PackageCommand.Find(commandLine, new HashSet<string>()));

    [Fact]
    public void PackageCommand_ExtraManagers() =>
        Assert.Equal("corp-pkg install", PackageCommand.Find("corp-pkg install thing", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "corp-pkg" }));
}
