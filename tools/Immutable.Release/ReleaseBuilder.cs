using System.Globalization;
using System.Text;

namespace Immutable.Release;

/// <summary>What goes into one release directory.</summary>
public sealed record ReleaseRequest
{
    public required string Version { get; init; }

    /// <summary>Binaries to pack here, each for its platform.</summary>
    public IReadOnlyList<(string BinaryPath, TerraformPlatform Platform)> Binaries { get; init; } = [];

    /// <summary>Zips packed elsewhere (other CI runners) by <see cref="ProviderPackage.Create"/>.</summary>
    public IReadOnlyList<string> Zips { get; init; } = [];

    /// <summary>terraform-registry-manifest.json, copied as terraform-provider-immutable_VERSION_manifest.json.</summary>
    public required string ManifestPath { get; init; }

    /// <summary>The release lands in <c>OutputRoot/VERSION/</c>.</summary>
    public required string OutputRoot { get; init; }

    /// <summary>The gpg key that signs SHA256SUMS; null for an unsigned release.</summary>
    public string? SigningKey { get; init; }

    public Gpg Gpg { get; init; } = new();
}

/// <summary>One package of a release and its lock-file hashes.</summary>
public sealed record PackageInfo(string Path, TerraformPlatform Platform, long Size, string H1, string Zh);

public sealed record ReleaseResult(string Directory, IReadOnlyList<PackageInfo> Packages, string SumsPath, string? SignaturePath);

/// <summary>
/// Builds <c>artifacts/release/VERSION/</c>: one zip a platform, the manifest, SHA256SUMS and its detached signature.
/// Everything is checked before anything is written, written into a staging directory beside the target, and
/// moved into place only when complete: a failure leaves no partial release behind.
/// </summary>
public static class ReleaseBuilder
{
    public static ReleaseResult Build(ReleaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var version = SemanticVersion.Validate(request.Version);
        if (request.Binaries.Count + request.Zips.Count == 0)
        {
            throw new ReleaseException("nothing to release: give a binary (--binary with --rid) or packages (--zip)");
        }

        foreach (var (binary, _) in request.Binaries)
        {
            ProviderPackage.RequireBinary(binary);
        }

        var platforms = request.Binaries.Select(b => b.Platform).Concat(request.Zips.Select(z => ProviderPackage.Inspect(z, version))).ToList();
        var duplicate = platforms.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ReleaseException($"two packages for {duplicate.Key}");
        }

        if (!File.Exists(request.ManifestPath))
        {
            throw new ReleaseException($"no registry manifest at {request.ManifestPath}");
        }

        if (request.SigningKey is not null)
        {
            request.Gpg.RequireSecretKey(request.SigningKey);
        }

        var root = Path.GetFullPath(request.OutputRoot);
        Directory.CreateDirectory(root);
        var target = Path.Combine(root, version);
        var staging = Path.Combine(root, $".{version}.staging-{Guid.NewGuid():N}");
        var content = Path.Combine(staging, version);
        Directory.CreateDirectory(content);
        try
        {
            var zips = request.Binaries.Select(b => ProviderPackage.Create(version, b.BinaryPath, b.Platform, content)).ToList();
            foreach (var zip in request.Zips)
            {
                var copy = Path.Combine(content, Path.GetFileName(zip));
                File.Copy(zip, copy);
                zips.Add(copy);
            }

            var manifest = Path.Combine(content, ProviderFiles.Manifest(version));
            File.Copy(request.ManifestPath, manifest);

            var sums = Path.Combine(content, ProviderFiles.Sums(version));
            File.WriteAllText(sums, Sha256Sums.Format([.. zips, manifest]), new UTF8Encoding(false));

            string? signature = null;
            if (request.SigningKey is not null)
            {
                signature = Path.Combine(content, ProviderFiles.Signature(version));
                request.Gpg.DetachSign(request.SigningKey, sums, signature);
                var verified = request.Gpg.Verify(signature, sums);
                if (verified.ExitCode != 0)
                {
                    throw new ReleaseException($"gpg cannot verify the signature it just made: {verified.Stderr.Trim()}");
                }
            }

            var packages = zips.Select(Describe).ToList();
            Replacement.Commit(staging, [(content, target)]);
            return new ReleaseResult(
                target,
                [.. packages.Select(p => p with { Path = Path.Combine(target, Path.GetFileName(p.Path)) })],
                Path.Combine(target, Path.GetFileName(sums)),
                signature is null ? null : Path.Combine(target, Path.GetFileName(signature)));
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Writes one platform's zip into <paramref name="outputDirectory"/> (for CI runners; nothing else).</summary>
    public static PackageInfo Package(string version, string binaryPath, TerraformPlatform platform, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(platform);
        SemanticVersion.Validate(version);
        ProviderPackage.RequireBinary(binaryPath);
        var directory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var zip = ProviderPackage.Create(version, binaryPath, platform, staging);
            var target = Path.Combine(directory, Path.GetFileName(zip));
            Replacement.Commit(staging, [(zip, target)]);
            return Describe(target);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    public static PackageInfo Describe(string zipPath)
    {
        var name = Path.GetFileNameWithoutExtension(zipPath);
        var platform = TerraformPlatform.Supported.Select(s => s.Platform).First(p => name.EndsWith("_" + p, StringComparison.Ordinal));
        return new PackageInfo(zipPath, platform, new FileInfo(zipPath).Length, PackageHashes.H1OfZip(zipPath), PackageHashes.Zh(zipPath));
    }

    /// <summary>The lock-file entry Terraform writes for these hashes.</summary>
    public static string LockFileEntry(string version, IEnumerable<string> hashes)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"provider \"{ProviderFiles.Address}\" {{\n");
        text.Append(CultureInfo.InvariantCulture, $"  version = \"{version}\"\n");
        text.Append("  hashes = [\n");
        foreach (var hash in hashes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"    \"{hash}\",\n");
        }

        text.Append("  ]\n}\n");
        return text.ToString();
    }
}
