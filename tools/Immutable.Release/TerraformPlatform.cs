namespace Immutable.Release;

/// <summary>A Terraform target platform (<c>linux_amd64</c>…) and the .NET runtime identifier that builds it.</summary>
public sealed record TerraformPlatform(string Os, string Arch)
{
    /// <summary>The runtime identifiers we publish, each with the platform Terraform calls it.</summary>
    public static IReadOnlyList<(string Rid, TerraformPlatform Platform)> Supported { get; } =
    [
        ("linux-x64", new("linux", "amd64")),
        ("linux-arm64", new("linux", "arm64")),
        ("osx-x64", new("darwin", "amd64")),
        ("osx-arm64", new("darwin", "arm64")),
        ("win-x64", new("windows", "amd64")),
        ("win-arm64", new("windows", "arm64")),
    ];

    /// <summary><c>linux_amd64</c>: the spelling in zip names and in the unpacked mirror layout.</summary>
    public override string ToString() => $"{Os}_{Arch}";

    /// <summary>What Terraform needs after the executable's name on this platform.</summary>
    public string ExecutableSuffix => Os == "windows" ? ".exe" : "";

    public static TerraformPlatform FromRid(string? rid)
    {
        foreach (var (supportedRid, platform) in Supported)
        {
            if (string.Equals(rid, supportedRid, StringComparison.Ordinal))
            {
                return platform;
            }
        }

        var known = string.Join(", ", Supported.Select(s => s.Rid));
        throw new ReleaseException($"unsupported platform '{rid}': releases are built for {known}");
    }
}
