using System.IO.Pipelines;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// A build context as planned: the entries that will be sent, their content hashes, and the digest.
/// Take it at plan time for <see cref="Digest"/>; take it again at apply time and stream
/// <see cref="OpenTar"/> to the Docker Engine API (the stream fails rather than send content that
/// differs from this snapshot).
/// </summary>
public sealed class ContextSnapshot
{
    internal ContextSnapshot(BuildInputs inputs, string contextRoot, string dockerfile, string? ignoreFile, ContextTable entries)
    {
        Inputs = inputs;
        ContextRoot = contextRoot;
        Dockerfile = dockerfile;
        IgnoreFile = ignoreFile;
        Table = entries;
        Digest = ContextDigest.Compute(inputs, dockerfile, entries, ignoreFile);
        TotalSize = entries.TotalSize();
    }

    /// <summary>The inputs the snapshot was taken from.</summary>
    public BuildInputs Inputs { get; }

    /// <summary>The absolute context directory with symlinks resolved.</summary>
    public string ContextRoot { get; }

    /// <summary>
    /// The Dockerfile path inside the context, forward slashes (symlinks resolved, <c>dockerfile</c>
    /// fallback applied): pass it as the build's <c>dockerfile</c> parameter.
    /// </summary>
    public string Dockerfile { get; }

    /// <summary>The ignore file that was applied (context-relative), or null when there was none.</summary>
    public string? IgnoreFile { get; }

    /// <summary>
    /// Everything sent, in <see cref="PathOrder"/>. The list is compact; each access makes a new
    /// <see cref="ContextEntry"/>, so iterate it rather than index it repeatedly.
    /// </summary>
    public IReadOnlyList<ContextEntry> Entries => Table;

    /// <summary>The same entries in the scan's compact form, for writers that work on it directly.</summary>
    internal ContextTable Table { get; }

    /// <summary>The content address of the build input: <c>sha256:</c> and 64 hex digits. See <see cref="ContextDigest"/>.</summary>
    public string Digest { get; }

    /// <summary>The sum of file sizes (the tar is somewhat larger).</summary>
    public long TotalSize { get; }

    /// <summary>How many files this scan read and hashed; the others were vouched for by the cache.</summary>
    public int FilesHashed { get; internal init; }

    /// <summary>The canonical text behind <see cref="Digest"/>, to show what changed between two plans.</summary>
    public string Describe() => ContextDigest.Describe(Inputs, Dockerfile, Entries, IgnoreFile);

    /// <summary>Writes the context tar to a stream (see <see cref="DeterministicTar"/>).</summary>
    public Task WriteTarAsync(Stream destination, CancellationToken cancellation = default) =>
        DeterministicTar.WriteAsync(this, destination, cancellation);

    /// <summary>
    /// A readable stream of the context tar, produced in the background through a bounded pipe (about
    /// 1 MiB in flight), so the context is never held in memory. A failure while producing it (a file
    /// changed or became unreadable) surfaces from <see cref="Stream.Read(byte[], int, int)"/> as the
    /// <see cref="BuildContextException"/>. Disposing the stream stops the producer.
    /// </summary>
    public Stream OpenTar(CancellationToken cancellation = default)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var sink = pipe.Writer.AsStream(leaveOpen: true);
                    await using (sink.ConfigureAwait(false))
                    {
                        await DeterministicTar.WriteAsync(this, sink, stop.Token).ConfigureAwait(false);
                    }

                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        return new TarPipeStream(pipe.Reader.AsStream(), stop, producer);
    }
}
