using System.IO.Compression;

namespace Immutable.Release;

/// <summary>Where an install put the package, in both layouts, and its lock-file hashes.</summary>
public sealed record InstallResult(string Mirror, string PackedPath, string UnpackedDirectory, string H1, string Zh);

/// <summary>
/// Installs the provider into a Terraform filesystem mirror (a <c>filesystem_mirror</c> path, or one of the implicit
/// local mirror directories such as <c>~/.terraform.d/plugins</c>) in both layouts Terraform reads:
/// <list type="bullet">
/// <item>packed: <c>MIRROR/registry.terraform.io/immutable-infra/immutable/terraform-provider-immutable_VERSION_OS_ARCH.zip</c></item>
/// <item>unpacked: <c>MIRROR/registry.terraform.io/immutable-infra/immutable/VERSION/OS_ARCH/terraform-provider-immutable_vVERSION</c></item>
/// </list>
/// The unpacked directory holds exactly what the zip holds, so both give the same <c>h1:</c> hash.
/// Inputs are checked first; both layouts are prepared in a staging directory inside the mirror and then renamed
/// into place, so a failed install leaves the mirror as it was.
/// </summary>
public static class MirrorInstaller
{
    /// <summary>IMMUTABLE_MIRROR, else Terraform's implicit per-user mirror directory.</summary>
    public static string DefaultMirror()
    {
        var configured = Environment.GetEnvironmentVariable("IMMUTABLE_MIRROR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "terraform.d", "plugins")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".terraform.d", "plugins");
    }

    /// <summary>The directory of this provider in a mirror: <c>MIRROR/HOSTNAME/NAMESPACE/TYPE</c>.</summary>
    public static string ProviderDirectory(string mirror) =>
        Path.Combine(mirror, ProviderFiles.Hostname, ProviderFiles.Namespace, ProviderFiles.Type);

    /// <summary>Installs a release zip.</summary>
    public static InstallResult InstallZip(string version, string zipPath, string mirror)
    {
        SemanticVersion.Validate(version);
        var platform = ProviderPackage.Inspect(zipPath, version);
        return Install(version, platform, mirror, staging =>
        {
            var copy = Path.Combine(staging, Path.GetFileName(zipPath));
            File.Copy(zipPath, copy);
            return copy;
        });
    }

    /// <summary>Packs a binary (as a release would) and installs it.</summary>
    public static InstallResult InstallBinary(string version, string binaryPath, TerraformPlatform platform, string mirror)
    {
        SemanticVersion.Validate(version);
        ProviderPackage.RequireBinary(binaryPath);
        return Install(version, platform, mirror, staging => ProviderPackage.Create(version, binaryPath, platform, staging));
    }

    private static InstallResult Install(string version, TerraformPlatform platform, string mirror, Func<string, string> stageZip)
    {
        if (string.IsNullOrWhiteSpace(mirror))
        {
            throw new ReleaseException("no mirror directory given");
        }

        mirror = Path.GetFullPath(mirror);
        if (File.Exists(mirror))
        {
            throw new ReleaseException($"the mirror {mirror} is a file, not a directory");
        }

        var providerDirectory = ProviderDirectory(mirror);
        var packedTarget = Path.Combine(providerDirectory, ProviderFiles.Zip(version, platform));
        var unpackedTarget = Path.Combine(providerDirectory, version, platform.ToString());

        Directory.CreateDirectory(mirror);
        var staging = Path.Combine(mirror, $".immutable-install-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var zip = stageZip(staging);
            var unpacked = Path.Combine(staging, "unpacked");
            Directory.CreateDirectory(unpacked);
            using (var archive = ZipFile.OpenRead(zip))
            {
                foreach (var entry in archive.Entries)
                {
                    var file = Path.Combine(unpacked, entry.FullName);
                    entry.ExtractToFile(file);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(file, DeterministicZip.Executable);
                    }
                }
            }

            var h1 = PackageHashes.H1OfZip(zip);
            var unpackedH1 = PackageHashes.H1OfDirectory(unpacked);
            if (h1 != unpackedH1)
            {
                throw new ReleaseException($"the unpacked package hashes {unpackedH1}, the zip {h1}");
            }

            var zh = PackageHashes.Zh(zip);
            Directory.CreateDirectory(Path.GetDirectoryName(unpackedTarget)!);
            Replacement.Commit(staging, [(zip, packedTarget), (unpacked, unpackedTarget)]);
            return new InstallResult(mirror, packedTarget, unpackedTarget, h1, zh);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The CLI configuration that makes Terraform install this provider from <paramref name="mirror"/>.</summary>
    public static string CliConfiguration(string mirror) =>
        $$"""
        provider_installation {
          filesystem_mirror {
            path    = "{{mirror.Replace("\\", "/", StringComparison.Ordinal)}}"
            include = ["{{ProviderFiles.Address}}"]
          }
          direct {
            exclude = ["{{ProviderFiles.Address}}"]
          }
        }
        """;
}
