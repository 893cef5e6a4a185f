using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Immutable.Release;

/// <summary>
/// The hashes Terraform records in <c>.terraform.lock.hcl</c>.
/// <list type="bullet">
/// <item><c>h1:</c> Go's <c>golang.org/x/mod/sumdb/dirhash</c> Hash1 over the package's files: each file gives a line
/// <c>hex(sha256(content)) + "  " + name + "\n"</c>, the lines sorted by name (byte order), and the hash is
/// <c>"h1:" + base64(sha256(all lines))</c>. For a zip the names are its entry names; for an unpacked directory
/// they are the paths relative to it, with '/'. A zip and its unpacked files therefore hash the same.</item>
/// <item><c>zh:</c> the lowercase hex SHA-256 of the zip file itself, as listed in the registry's SHA256SUMS.</item>
/// </list>
/// </summary>
public static class PackageHashes
{
    /// <summary>Hash1 over named files; <paramref name="open"/> gives each file's content.</summary>
    public static string H1(IEnumerable<string> names, Func<string, Stream> open)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(open);
        var sorted = names.ToList();
        sorted.Sort(CompareUtf8);
        var summary = new StringBuilder();
        foreach (var name in sorted)
        {
            if (name.Contains('\n', StringComparison.Ordinal))
            {
                throw new ReleaseException($"cannot hash a file name with a newline: {name.ReplaceLineEndings("\\n")}");
            }

            using var content = open(name);
            summary.Append(Sha256Hex(content)).Append("  ").Append(name).Append('\n');
        }

        return "h1:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString())));
    }

    /// <summary>Hash1 of the files inside a zip (Terraform's hash of a packed package).</summary>
    public static string H1OfZip(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            entries[entry.FullName] = entry;
        }

        return H1(zip.Entries.Select(e => e.FullName), name => entries[name].Open());
    }

    /// <summary>Hash1 of the files below a directory (Terraform's hash of an unpacked package).</summary>
    public static string H1OfDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new ReleaseException($"no such directory: {directory}");
        }

        var names = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'));
        return H1(names, name => File.OpenRead(Path.Combine(root, name)));
    }

    /// <summary>The <c>zh:</c> hash of a zip file: <c>"zh:" + hex(sha256(file))</c>.</summary>
    public static string Zh(string zipPath) => "zh:" + Sha256HexOfFile(zipPath);

    public static string Sha256HexOfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Sha256Hex(stream);
    }

    public static string Sha256Hex(Stream content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Go's sort.Strings order: byte order of the UTF-8 encodings.</summary>
    private static int CompareUtf8(string? a, string? b) =>
        Encoding.UTF8.GetBytes(a ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b ?? ""));
}
