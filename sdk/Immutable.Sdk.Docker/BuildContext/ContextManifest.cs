using System.IO.Compression;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// The file list of one build context, kept beside the hash cache under the context digest, so a
/// later plan can name the files that changed since the build in state. It lives on the planning
/// machine, not in Terraform state: a 100k-file context would otherwise add megabytes to every
/// state read and write. Format (v1): gzip of a header line, then one line per entry in
/// <see cref="PathOrder"/>: kind, mode (octal), content hash or link target, path, tab-separated.
/// </summary>
public static class ContextManifest
{
    private const string Header = "immutable-context-manifest v1";

    /// <summary>The manifest's file for a context digest.</summary>
    public static string PathFor(string cacheDirectory, string digest) =>
        Path.Combine(cacheDirectory, "manifests", digest.Replace("sha256:", string.Empty, StringComparison.Ordinal) + ".gz");

    /// <summary>Writes the snapshot's manifest unless one exists (it is content-addressed: same digest, same list).</summary>
    public static void Save(string cacheDirectory, ContextSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var path = PathFor(cacheDirectory, snapshot.Digest);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var file = File.Create(temporary))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            writer.Write(Header + "\n");
            foreach (var entry in snapshot.Entries)
            {
                writer.Write($"{Kind(entry.Kind)}\t{Convert.ToString(entry.Mode, 8)}\t{entry.ContentHash ?? entry.LinkTarget ?? "-"}\t{entry.Path}\n");
            }
        }

        // Atomic: a concurrent plan never reads half a manifest.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The path-to-signature map of a saved manifest, or null when this machine has none (or it is damaged).</summary>
    public static IReadOnlyDictionary<string, string>? Load(string cacheDirectory, string digest)
    {
        var path = PathFor(cacheDirectory, digest);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            if (reader.ReadLine() != Header)
            {
                return null;
            }

            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                var last = line.LastIndexOf('\t');
                if (last > 0)
                {
                    entries[line[(last + 1)..]] = line[..last];
                }
            }

            return entries;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The signature <see cref="Load"/> returns for an entry (kind, mode, content).</summary>
    public static string Signature(ContextEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{Kind(entry.Kind)}\t{Convert.ToString(entry.Mode, 8)}\t{entry.ContentHash ?? entry.LinkTarget ?? "-"}";
    }

    private static char Kind(ContextEntryKind kind) => kind switch
    {
        ContextEntryKind.Directory => 'd',
        ContextEntryKind.Symlink => 'l',
        _ => 'f',
    };
}
