using System.Formats.Tar;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Writes a context snapshot as a tar stream that is byte-for-byte the same for the same snapshot on
/// any machine, with <see cref="TarWriter"/> doing all the framing.
/// <para>
/// Format: GNU. .NET's PAX writer names every extended header <c>PaxHeaders.&lt;process id&gt;</c>, so
/// PAX output differs from one process to the next; USTAR cannot hold paths over 255 bytes or link targets
/// over 100. GNU stores long names and targets in <c>././@LongLink</c> records whose own header fields are
/// constants, and Docker's Go <c>archive/tar</c> (daemon and BuildKit) reads them.
/// </para>
/// <para>
/// Every header: mtime SOURCE_DATE_EPOCH or 0, uid and gid 0, empty user and group names, no access or
/// change time, and the normalized mode of <see cref="ContextEntry.Mode"/> (0755/0644/0777; group and other
/// write bits, setuid, setgid and sticky are dropped so the host's umask cannot leak into the image; the
/// execute bit is kept because it changes what the image runs). Directories end in <c>/</c> and are all
/// written, so empty directories survive. Entries are in <see cref="PathOrder"/>, parents first.
/// File bodies are streamed and checked against the planned size and hash as they are sent.
/// </para>
/// </summary>
public static class DeterministicTar
{
    /// <summary>Writes the snapshot as a tar to <paramref name="destination"/> (left open).</summary>
    /// <exception cref="BuildContextException">A file changed since the snapshot was taken, or cannot be read.</exception>
    public static async Task WriteAsync(ContextSnapshot snapshot, Stream destination, CancellationToken cancellation = default)
    {
        var modified = DateTimeOffset.FromUnixTimeSeconds(snapshot.Inputs.SourceDateEpoch ?? 0);
        var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var entry in snapshot.Entries)
            {
                cancellation.ThrowIfCancellationRequested();
                var header = entry.Kind switch
                {
                    ContextEntryKind.Directory => new GnuTarEntry(TarEntryType.Directory, entry.Path + "/"),
                    ContextEntryKind.Symlink => new GnuTarEntry(TarEntryType.SymbolicLink, entry.Path) { LinkName = entry.LinkTarget! },
                    _ => new GnuTarEntry(TarEntryType.RegularFile, entry.Path),
                };
                header.ModificationTime = modified;
                header.Mode = (UnixFileMode)entry.Mode;
                header.Uid = 0;
                header.Gid = 0;
                header.UserName = string.Empty;
                header.GroupName = string.Empty;
                if (entry.Kind != ContextEntryKind.File)
                {
                    await writer.WriteEntryAsync(header, cancellation).ConfigureAwait(false);
                    continue;
                }

                var body = new VerifiedFileStream(Path.Join(snapshot.ContextRoot, GoPath.FromSlash(entry.Path)), entry);
                await using (body.ConfigureAwait(false))
                {
                    header.DataStream = body;
                    await writer.WriteEntryAsync(header, cancellation).ConfigureAwait(false);
                    await body.CompleteAsync(cancellation).ConfigureAwait(false);
                }
            }
        }
    }
}
