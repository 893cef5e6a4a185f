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
        {
            Write(gzip, snapshot.Table);
        }

        // Atomic: a concurrent plan never reads half a manifest.
        File.Move(temporary, path, overwrite: true);
    }

    // The same lines as Signature + path, written as UTF-8 straight from the table: no string per entry.
    private static void Write(Stream output, ContextTable table)
    {
        var buffer = new byte[64 * 1024];
        var used = Encoding.UTF8.GetBytes(Header + "\n", buffer);
        for (var i = 0; i < table.Count; i++)
        {
            var path = table.Path(i);
            var kind = table.Kind(i);
            var link = kind == ContextEntryKind.Symlink && table.LinkTarget(i) is { } target ? Encoding.UTF8.GetBytes(target) : null;
            var needed = 16 + 71 + (link?.Length ?? 0) + path.Length;
            if (used + needed > buffer.Length)
            {
                output.Write(buffer, 0, used);
                used = 0;
                if (needed > buffer.Length)
                {
                    buffer = new byte[needed];
                }
            }

            var line = buffer.AsSpan(used);
            var at = 0;
            line[at++] = (byte)Kind(kind);
            line[at++] = (byte)'\t';
            at += Octal(table.Mode(i), line[at..]);
            line[at++] = (byte)'\t';
            if (kind == ContextEntryKind.File)
            {
                "sha256:"u8.CopyTo(line[at..]);
                at += 7;
                Convert.TryToHexStringLower(table.Digest(i), line[at..], out var written);
                at += written;
            }
            else if (link is not null)
            {
                link.CopyTo(line[at..]);
                at += link.Length;
            }
            else
            {
                line[at++] = (byte)'-';
            }

            line[at++] = (byte)'\t';
            path.CopyTo(line[at..]);
            at += path.Length;
            line[at++] = (byte)'\n';
            used += at;
        }

        output.Write(buffer, 0, used);
    }

    // Convert.ToString(mode, 8) as ASCII bytes.
    private static int Octal(int mode, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[11];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + (mode & 7));
            mode >>>= 3;
        }
        while (mode != 0);

        for (var i = 0; i < count; i++)
        {
            destination[i] = digits[count - 1 - i];
        }

        return count;
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
