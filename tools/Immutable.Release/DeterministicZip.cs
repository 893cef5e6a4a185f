using System.IO.Compression;

namespace Immutable.Release;

/// <summary>
/// Writes zips whose bytes depend only on the entries' names and contents: entries sorted by name, one fixed
/// timestamp, fixed Unix modes. Two builds of the same binary give the same zip, and so the same <c>zh:</c> hash.
/// </summary>
public static class DeterministicZip
{
    /// <summary>The timestamp of every entry (zip stores local DOS time; no time zone is involved).</summary>
    public static readonly DateTimeOffset Timestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>One file in the zip: its name inside the zip, the file whose content it holds, and its mode.</summary>
    public sealed record Entry(string Name, string SourcePath, UnixFileMode Mode);

    public static void Write(string zipPath, IEnumerable<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var stream = new FileStream(zipPath, FileMode.CreateNew, FileAccess.ReadWrite);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var zipEntry = zip.CreateEntry(entry.Name, CompressionLevel.Optimal);
            zipEntry.LastWriteTime = Timestamp;
            // High 16 bits: st_mode of a regular file (S_IFREG | permissions), read by unzip and by Go's archive/zip.
            zipEntry.ExternalAttributes = unchecked((int)((0x8000u | (uint)entry.Mode) << 16));
            using var source = File.OpenRead(entry.SourcePath);
            using var target = zipEntry.Open();
            source.CopyTo(target);
        }
    }
}
