using System.IO.Compression;

namespace Immutable.Release;

/// <summary>Creates and checks the per-platform zip: exactly one entry, the executable, mode 0755.</summary>
public static class ProviderPackage
{
    /// <summary>Writes <c>terraform-provider-immutable_VERSION_OS_ARCH.zip</c> into <paramref name="directory"/>.</summary>
    public static string Create(string version, string binaryPath, TerraformPlatform platform, string directory)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var zipPath = Path.Combine(directory, ProviderFiles.Zip(version, platform));
        DeterministicZip.Write(zipPath, [new DeterministicZip.Entry(ProviderFiles.Executable(version, platform), binaryPath, DeterministicZip.Executable)]);
        return zipPath;
    }

    /// <summary>
    /// Checks that <paramref name="zipPath"/> is this provider's package for <paramref name="version"/>: named as
    /// the registry expects for a supported platform, holding exactly the executable. Returns the platform.
    /// </summary>
    public static TerraformPlatform Inspect(string zipPath, string version)
    {
        if (!File.Exists(zipPath))
        {
            throw new ReleaseException($"no such package: {zipPath}");
        }

        var name = Path.GetFileName(zipPath);
        var platform = TerraformPlatform.Supported.Select(s => s.Platform)
            .FirstOrDefault(p => string.Equals(name, ProviderFiles.Zip(version, p), StringComparison.Ordinal))
            ?? throw new ReleaseException(
                $"{name} is not named {ProviderFiles.Zip(version, new TerraformPlatform("OS", "ARCH"))} for version {version} and a supported platform");

        var expected = ProviderFiles.Executable(version, platform);
        string[] entries;
        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            entries = [.. zip.Entries.Select(e => e.FullName)];
        }
        catch (InvalidDataException e)
        {
            throw new ReleaseException($"{name} is not a readable zip: {e.Message}");
        }

        if (entries is not [var only] || only != expected)
        {
            throw new ReleaseException($"{name} must hold exactly {expected}, but holds: {string.Join(", ", entries)}");
        }

        return platform;
    }

    /// <summary>Fails unless <paramref name="binaryPath"/> is a non-empty file.</summary>
    public static void RequireBinary(string? binaryPath)
    {
        if (string.IsNullOrEmpty(binaryPath) || !File.Exists(binaryPath))
        {
            throw new ReleaseException($"the provider binary '{binaryPath}' does not exist (./build.sh publishes it into artifacts/bin/)");
        }

        if (new FileInfo(binaryPath).Length == 0)
        {
            throw new ReleaseException($"the provider binary '{binaryPath}' is empty");
        }
    }
}
