using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using Org.BouncyCastle.Tls;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// The decrypted side of one TLS connection: BouncyCastle's <see cref="TlsServerProtocol"/> in its
/// non-blocking mode does all record framing and crypto; this class only moves ciphertext between it
/// and the connection's pipes. Reads and writes may run at once (HTTP/2 does), so every call into the
/// protocol object is under one lock, and ciphertext goes out under a second, async gate in the order
/// the protocol produced it.
/// </summary>
internal sealed class TlsServerStream : Stream
{
    private const int OutputChunk = 64 * 1024;

    private readonly TlsServerProtocol _protocol;
    private readonly PipeReader _ciphertextIn;
    private readonly PipeWriter _ciphertextOut;
    private readonly Lock _protocolLock = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private bool _inputEnded;

    private TlsServerStream(TlsServerProtocol protocol, IDuplexPipe transport)
    {
        _protocol = protocol;
        _ciphertextIn = transport.Input;
        _ciphertextOut = transport.Output;
    }

    /// <summary>Runs the server handshake over <paramref name="transport"/>; the stream it returns carries the application data.</summary>
    /// <exception cref="IOException">The handshake failed (the alert has been sent) or the client went away.</exception>
    public static async Task<TlsServerStream> AcceptAsync(IDuplexPipe transport, GoPluginTlsServer server, CancellationToken cancellation)
    {
        var protocol = new TlsServerProtocol();
        var stream = new TlsServerStream(protocol, transport);
        try
        {
            protocol.Accept(server);
            while (!server.IsHandshakeComplete)
            {
                if (!await stream.ReceiveAsync(cancellation).ConfigureAwait(false))
                {
                    throw new IOException("The client closed the connection during the TLS handshake.");
                }
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_protocolLock)
            {
                if (_protocol.GetAvailableInputBytes() > 0)
                {
                    return ReadDecrypted(buffer);
                }

                if (_protocol.IsClosed || _inputEnded)
                {
                    return 0;
                }
            }

            if (!await ReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_protocolLock)
        {
            _protocol.WriteApplicationData(buffer.Span);
        }

        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask; // every write is sent

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The TLS stream is asynchronous only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The TLS stream is asynchronous only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Sends close_notify when the connection is still up; the pipes stay Kestrel's to complete.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            lock (_protocolLock)
            {
                if (!_protocol.IsClosed)
                {
                    _protocol.Close();
                }
            }

            await SendPendingAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The client is gone already; nothing to tell it.
        }

        _sending.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Reads ciphertext, hands it to the protocol and sends what it answers (handshake flights, alerts,
    /// key updates). False at the end of the input.
    /// </summary>
    private async ValueTask<bool> ReceiveAsync(CancellationToken cancellation)
    {
        var result = await _ciphertextIn.ReadAsync(cancellation).ConfigureAwait(false);
        var ciphertext = result.Buffer;
        var ended = result.IsCanceled || (result.IsCompleted && ciphertext.IsEmpty);
        try
        {
            lock (_protocolLock)
            {
                foreach (var segment in ciphertext)
                {
                    Offer(segment);
                }

                if (ended)
                {
                    _inputEnded = true;
                    _protocol.CloseInput();
                }
            }
        }
        catch (IOException)
        {
            await SendAlertAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _ciphertextIn.AdvanceTo(ciphertext.End);
        }

        await SendPendingAsync(cancellation).ConfigureAwait(false);
        return !ended;
    }

    /// <summary>Best effort: the fatal alert the protocol queued, so the client learns why.</summary>
    private async Task SendAlertAsync()
    {
        try
        {
            await SendPendingAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // The client is gone; the original failure is the one to report.
        }
    }

    private void Offer(ReadOnlyMemory<byte> segment)
    {
        if (MemoryMarshal.TryGetArray(segment, out var array))
        {
            _protocol.OfferInput(array.Array!, array.Offset, array.Count);
        }
        else
        {
            _protocol.OfferInput(segment.ToArray());
        }
    }

    private int ReadDecrypted(Memory<byte> buffer)
    {
        if (MemoryMarshal.TryGetArray<byte>(buffer, out var array))
        {
            return _protocol.ReadInput(array.Array!, array.Offset, array.Count);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, _protocol.GetAvailableInputBytes()));
        try
        {
            var read = _protocol.ReadInput(rented, 0, Math.Min(buffer.Length, rented.Length));
            rented.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Moves every byte of ciphertext the protocol has produced to the connection, in order.</summary>
    private async Task SendPendingAsync(CancellationToken cancellation)
    {
        await _sending.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var moved = false;
            while (MoveOutput())
            {
                moved = true;
            }

            if (moved)
            {
                await _ciphertextOut.FlushAsync(cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private bool MoveOutput()
    {
        lock (_protocolLock)
        {
            var available = _protocol.GetAvailableOutputBytes();
            if (available == 0)
            {
                return false;
            }

            var memory = _ciphertextOut.GetMemory(Math.Min(available, OutputChunk));
            int moved;
            if (MemoryMarshal.TryGetArray<byte>(memory, out var array))
            {
                moved = _protocol.ReadOutput(array.Array!, array.Offset, Math.Min(array.Count, available));
            }
            else
            {
                var copy = new byte[Math.Min(memory.Length, available)];
                moved = _protocol.ReadOutput(copy, 0, copy.Length);
                copy.CopyTo(memory);
            }

            _ciphertextOut.Advance(moved);
            return true;
        }
    }
}
