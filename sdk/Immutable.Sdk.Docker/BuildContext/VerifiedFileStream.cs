using System.Security.Cryptography;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Reads a context file for the tar and proves it is the file that was digested: exactly the planned
/// number of bytes, hashing to the planned SHA-256. A mismatch fails the stream (and so the build) with
/// <see cref="BuildContextErrorReason.ContextChanged"/> instead of sending content the plan never saw.
/// It reports the planned size as its length so <c>TarWriter</c> can write the header up front
/// without buffering the file.
/// </summary>
internal sealed class VerifiedFileStream : Stream
{
    private readonly FileStream _file;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ContextEntry _entry;
    private long _position;
    private bool _verified;

    public VerifiedFileStream(string fullPath, ContextEntry entry)
    {
        _entry = entry;
        try
        {
            _file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw e is FileNotFoundException or DirectoryNotFoundException
                ? Changed("was removed")
                : new BuildContextException(BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, entry.Path, $"cannot read '{entry.Path}': {e.Message}", e);
        }
    }

    public override bool CanRead => true;

    // Seekable in name only: TarWriter takes Length - Position as the entry size.
    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _entry.Size;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, _entry.Size - _position);
        if (wanted == 0)
        {
            Verify(_file.Read(stackalloc byte[1]));
            return 0;
        }

        var read = _file.Read(buffer[..wanted]);
        return Account(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, _entry.Size - _position);
        if (wanted == 0)
        {
            var probe = new byte[1];
            Verify(await _file.ReadAsync(probe, cancellationToken).ConfigureAwait(false));
            return 0;
        }

        var read = await _file.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read]);
    }

    /// <summary>Checks the end of the file even if the reader stopped at exactly the planned length.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_verified)
        {
            return;
        }

        if (_position != _entry.Size)
        {
            throw Changed("was not sent in full");
        }

        var probe = new byte[1];
        Verify(await _file.ReadAsync(probe, cancellationToken).ConfigureAwait(false));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _sha.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            throw Changed("is shorter than when it was planned");
        }

        _sha.AppendData(data);
        _position += data.Length;
        return data.Length;
    }

    // Called once all planned bytes are read: nothing may follow and the hash must agree.
    private void Verify(int extra)
    {
        if (_verified)
        {
            return;
        }

        if (extra != 0)
        {
            throw Changed("is longer than when it was planned");
        }

        Span<byte> hash = stackalloc byte[32];
        _sha.GetHashAndReset(hash);
        if (FileHashCacheFormat.ToDigest(hash) != _entry.ContentHash)
        {
            throw Changed("has different content than when it was planned");
        }

        _verified = true;
    }

    private BuildContextException Changed(string what) =>
        new(
            BuildContextErrorReason.ContextChanged,
            BuildInputField.Context,
            _entry.Path,
            $"'{_entry.Path}' {what}; the build context changed after the plan was made, so plan again");
}
