using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Writes the entry lines of the digest's canonical text as UTF-8, the one writer behind both the digest
/// over a scan's table and the text over <see cref="ContextEntry"/> objects:
/// <c>entry "path" mode dir|symlink "target"|file hash-or-"-"[ builder-only]</c>. Quoting is
/// <see cref="GoPath.AppendQuoted"/>'s, byte for byte (it only touches ASCII; every other byte of a UTF-8
/// path is copied as is). Full buffers go to <paramref name="flush"/>.
/// </summary>
internal sealed class DigestEntryLines(Action<byte[], int> flush)
{
    private const int Capacity = 64 * 1024;
    private byte[] _buffer = new byte[Capacity];
    private int _used;

    /// <summary>A line from a scan's table: the content is the raw SHA-256 of a file.</summary>
    public void Add(ContextTable table, int index, ReadOnlySpan<byte> ignoreFile)
    {
        var kind = table.Kind(index);
        var path = table.Path(index);
        var builderOnly = table.IsBuilderOnly(index);
        var link = kind == ContextEntryKind.Symlink ? Encoding.UTF8.GetBytes(table.LinkTarget(index) ?? string.Empty) : null;
        var content = builderOnly && path.SequenceEqual(ignoreFile) ? ContentKind.Omitted : ContentKind.Digest;
        Add(path, kind, table.Mode(index), table.Digest(index), default, link, content, builderOnly);
    }

    /// <summary>A line from an entry object: the content is its <see cref="ContextEntry.ContentHash"/> text.</summary>
    public void Add(ContextEntry entry, string? ignoreFile)
    {
        var path = Encoding.UTF8.GetBytes(entry.Path);
        var link = entry.Kind == ContextEntryKind.Symlink ? Encoding.UTF8.GetBytes(entry.LinkTarget ?? string.Empty) : null;
        var hash = Encoding.UTF8.GetBytes(entry.ContentHash ?? string.Empty);
        var content = entry.BuilderOnly && entry.Path == ignoreFile ? ContentKind.Omitted : ContentKind.Text;
        Add(path, entry.Kind, entry.Mode, default, hash, link, content, entry.BuilderOnly);
    }

    /// <summary>Hands over what is buffered.</summary>
    public void Flush()
    {
        flush(_buffer, _used);
        _used = 0;
    }

    private void Add(
        ReadOnlySpan<byte> path, ContextEntryKind kind, int mode, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> hashText, byte[]? link, ContentKind content, bool builderOnly)
    {
        // Worst case: every path and target byte escaped as \u00XX, plus the fixed words and the content.
        var needed = 64 + (path.Length * 6) + ((link?.Length ?? 0) * 6) + 71 + hashText.Length;
        if (_used + needed > _buffer.Length)
        {
            Flush();
            if (needed > _buffer.Length)
            {
                _buffer = new byte[needed];
            }
        }

        var span = _buffer.AsSpan();
        Append(span, "entry "u8);
        AppendQuoted(span, path);
        span[_used++] = (byte)' ';
        AppendOctal(span, mode);
        switch (kind)
        {
            case ContextEntryKind.Directory:
                Append(span, " dir"u8);
                break;
            case ContextEntryKind.Symlink:
                Append(span, " symlink "u8);
                AppendQuoted(span, link);
                break;
            default:
                Append(span, " file "u8);
                if (content == ContentKind.Omitted)
                {
                    span[_used++] = (byte)'-';
                }
                else if (content == ContentKind.Text)
                {
                    Append(span, hashText);
                }
                else
                {
                    Append(span, "sha256:"u8);
                    Convert.TryToHexStringLower(digest, span[_used..], out var written);
                    _used += written;
                }

                break;
        }

        if (builderOnly)
        {
            Append(span, " builder-only"u8);
        }

        span[_used++] = (byte)'\n';
    }

    private void Append(Span<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer[_used..]);
        _used += bytes.Length;
    }

    // Convert.ToString(mode, 8).
    private void AppendOctal(Span<byte> buffer, int mode)
    {
        var digits = 1;
        for (var rest = (uint)mode >> 3; rest != 0; rest >>= 3)
        {
            digits++;
        }

        var value = (uint)mode;
        for (var i = digits - 1; i >= 0; i--)
        {
            buffer[_used + i] = (byte)('0' + (value & 7));
            value >>= 3;
        }

        _used += digits;
    }

    private void AppendQuoted(Span<byte> buffer, ReadOnlySpan<byte> utf8)
    {
        buffer[_used++] = (byte)'"';
        foreach (var b in utf8)
        {
            switch (b)
            {
                case (byte)'"':
                case (byte)'\\':
                    buffer[_used++] = (byte)'\\';
                    buffer[_used++] = b;
                    break;
                case < 0x20 or 0x7f:
                    Append(buffer, "\\u00"u8);
                    buffer[_used++] = (byte)"0123456789abcdef"[b >> 4];
                    buffer[_used++] = (byte)"0123456789abcdef"[b & 0xF];
                    break;
                default:
                    buffer[_used++] = b;
                    break;
            }
        }

        buffer[_used++] = (byte)'"';
    }

    private enum ContentKind
    {
        Digest,
        Text,
        Omitted,
    }
}
