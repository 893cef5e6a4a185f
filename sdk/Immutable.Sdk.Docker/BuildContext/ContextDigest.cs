using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// The content address of a build input: <c>sha256:</c> over a canonical text that names everything
/// that can change the image and nothing that cannot.
/// <para>
/// Included: the Dockerfile path; target; platform; SOURCE_DATE_EPOCH (it is written into the tar);
/// build args and labels, each sorted by key in code-point order (labels change the image config, so
/// they belong); then every entry in path order with its kind, normalized mode, and the content hash for
/// files or the target for symlinks. An entry sent only for the builder (the Dockerfile or .dockerignore
/// when the patterns exclude them) is marked so; for such a .dockerignore the content is left out, since
/// its whole effect (which files are sent, and that the builder drops it and the Dockerfile from
/// <c>COPY</c>) is already described by the entries. Excluded: mtimes, owners, absolute paths, the host's
/// path separator, the ignore file's name and comments, and every incidental byte of the tar.
/// </para>
/// <para>
/// Strings are written as JSON string literals, one record per line, so no value can forge another record.
/// </para>
/// </summary>
public static class ContextDigest
{
    /// <summary>The first line of the canonical text; bump when its meaning changes.</summary>
    public const string Header = "immutable.build-context.v1";

    /// <summary>Computes the digest of a build input.</summary>
    /// <param name="inputs">The build parameters (the context directory itself does not count).</param>
    /// <param name="dockerfile">The Dockerfile path relative to the context, forward slashes.</param>
    /// <param name="entries">The entries in <see cref="PathOrder"/>.</param>
    /// <param name="ignoreFile">The ignore file in force (relative), whose builder-only content is left out.</param>
    public static string Compute(BuildInputs inputs, string dockerfile, IReadOnlyList<ContextEntry> entries, string? ignoreFile)
    {
        // The text is hashed in slices as it is produced: a 10,000-file context makes about 1 MB of it.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(SliceLength * 2)];
        var text = new StringBuilder(SliceLength * 2);
        void Spill(bool final)
        {
            foreach (var chunk in text.GetChunks())
            {
                var count = encoder.GetBytes(chunk.Span, bytes, flush: false);
                sha.AppendData(bytes, 0, count);
            }

            if (final)
            {
                sha.AppendData(bytes, 0, encoder.GetBytes([], bytes, flush: true));
            }

            text.Clear();
        }

        Write(text, inputs, dockerfile, entries, ignoreFile, Spill);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return FileHashCacheFormat.ToDigest(hash);
    }

    /// <summary>
    /// The same digest over a <see cref="ContextTable"/>, without an object or string per entry: the entry
    /// lines are written as UTF-8 straight from the table's path bytes and digest slots. It produces the
    /// very bytes the text form does (the quoting rules below are <see cref="GoPath.AppendQuoted"/>'s, byte
    /// for byte: they only touch ASCII, and every other byte of a UTF-8 path is copied as is).
    /// </summary>
    internal static string Compute(BuildInputs inputs, string dockerfile, ContextTable table, string? ignoreFile)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new StringBuilder();
        WriteHead(head, inputs, dockerfile);
        sha.AppendData(Encoding.UTF8.GetBytes(head.ToString()));

        var ignore = ignoreFile is null ? null : Encoding.UTF8.GetBytes(ignoreFile);
        var buffer = new byte[64 * 1024];
        var used = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var path = table.Path(i);
            var kind = table.Kind(i);
            var link = kind == ContextEntryKind.Symlink ? Encoding.UTF8.GetBytes(Quoted(table.LinkTarget(i) ?? string.Empty)) : null;
            // Worst case: every path byte escaped as \u00XX, plus the fixed words and a digest.
            var needed = 64 + (path.Length * 6) + (link?.Length ?? 0) + 71;
            if (used + needed > buffer.Length)
            {
                sha.AppendData(buffer, 0, used);
                used = 0;
                if (needed > buffer.Length)
                {
                    buffer = new byte[needed];
                }
            }

            var span = buffer.AsSpan();
            Append(span, ref used, "entry "u8);
            AppendQuoted(span, ref used, path);
            Append(span, ref used, kind switch
            {
                ContextEntryKind.Directory => " 755 dir"u8,
                ContextEntryKind.Symlink => " 777 symlink "u8,
                _ => table.Mode(i) == 0b111_101_101 ? " 755 file "u8 : " 644 file "u8,
            });
            var builderOnly = table.IsBuilderOnly(i);
            if (link is not null)
            {
                Append(span, ref used, link);
            }
            else if (kind == ContextEntryKind.File)
            {
                if (builderOnly && ignore is not null && path.SequenceEqual(ignore))
                {
                    Append(span, ref used, "-"u8);
                }
                else
                {
                    Append(span, ref used, "sha256:"u8);
                    Convert.TryToHexStringLower(table.Digest(i), span[used..], out var written);
                    used += written;
                }
            }

            if (builderOnly)
            {
                Append(span, ref used, " builder-only"u8);
            }

            span[used++] = (byte)'\n';
        }

        sha.AppendData(buffer, 0, used);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return FileHashCacheFormat.ToDigest(hash);
    }

    private static void Append(Span<byte> buffer, ref int used, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer[used..]);
        used += bytes.Length;
    }

    private static void AppendQuoted(Span<byte> buffer, ref int used, ReadOnlySpan<byte> utf8)
    {
        buffer[used++] = (byte)'"';
        foreach (var b in utf8)
        {
            switch (b)
            {
                case (byte)'"':
                case (byte)'\\':
                    buffer[used++] = (byte)'\\';
                    buffer[used++] = b;
                    break;
                case < 0x20 or 0x7f:
                    Append(buffer, ref used, "\\u00"u8);
                    buffer[used++] = (byte)"0123456789abcdef"[b >> 4];
                    buffer[used++] = (byte)"0123456789abcdef"[b & 0xF];
                    break;
                default:
                    buffer[used++] = b;
                    break;
            }
        }

        buffer[used++] = (byte)'"';
    }

    private static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        GoPath.AppendQuoted(text, value);
        return text.ToString();
    }

    /// <summary>The canonical text the digest is taken over, for diffing two plans.</summary>
    public static string Describe(BuildInputs inputs, string dockerfile, IReadOnlyList<ContextEntry> entries, string? ignoreFile)
    {
        var text = new StringBuilder(128 + (entries.Count * 112));
        Write(text, inputs, dockerfile, entries, ignoreFile, null);
        return text.ToString();
    }

    private const int SliceLength = 16 * 1024;

    private static void Write(
        StringBuilder text, BuildInputs inputs, string dockerfile, IReadOnlyList<ContextEntry> entries, string? ignoreFile, Action<bool>? spill)
    {
        WriteHead(text, inputs, dockerfile);
        foreach (var entry in entries)
        {
            text.Append("entry ");
            GoPath.AppendQuoted(text, entry.Path);
            text.Append(' ').Append(Convert.ToString(entry.Mode, 8));
            switch (entry.Kind)
            {
                case ContextEntryKind.Directory:
                    text.Append(" dir");
                    break;
                case ContextEntryKind.Symlink:
                    text.Append(" symlink ");
                    GoPath.AppendQuoted(text, entry.LinkTarget ?? string.Empty);
                    break;
                default:
                    text.Append(" file ");
                    text.Append(entry.BuilderOnly && entry.Path == ignoreFile ? "-" : entry.ContentHash);
                    break;
            }

            if (entry.BuilderOnly)
            {
                text.Append(" builder-only");
            }

            text.Append('\n');
            if (spill is not null && text.Length >= SliceLength)
            {
                spill(false);
            }
        }

        spill?.Invoke(true);
    }

    private static void WriteHead(StringBuilder text, BuildInputs inputs, string dockerfile)
    {
        text.Append(Header).Append('\n');
        Line(text, "dockerfile", dockerfile);
        Line(text, "target", inputs.Target);
        Line(text, "platform", inputs.Platform);
        text.Append("source-date-epoch ")
            .Append(inputs.SourceDateEpoch is { } epoch ? epoch.ToString(CultureInfo.InvariantCulture) : "-")
            .Append('\n');
        Pairs(text, "build-arg", inputs.BuildArgs);
        Pairs(text, "label", inputs.Labels);
    }

    private static void Line(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append(' ');
        if (value is null)
        {
            text.Append('-');
        }
        else
        {
            GoPath.AppendQuoted(text, value);
        }

        text.Append('\n');
    }

    private static void Pairs(StringBuilder text, string name, IReadOnlyDictionary<string, string> pairs)
    {
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, PathOrder.Instance))
        {
            text.Append(name).Append(' ');
            GoPath.AppendQuoted(text, key);
            text.Append(' ');
            GoPath.AppendQuoted(text, value);
            text.Append('\n');
        }
    }
}
