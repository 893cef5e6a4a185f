using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Immutable.Sdk.Testing;

/// <summary>
/// One HTTP/1.1 connection that sends a prepared request and reads one answer (Content-Length or
/// chunked body), for <see cref="RawKeepAliveLoop"/>. Test code only: it exists because no library
/// client can be told never to resend a request on a connection the server closed.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private HttpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<HttpConnection> OpenAsync(Uri endpoint, CancellationToken cancellation)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellation);
            return new HttpConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/>; returns the status, the body and whether the server announced it closes the connection.</summary>
    public async Task<(int Status, string Body, bool Close)> SendAsync(byte[] request, CancellationToken cancellation)
    {
        await _stream.WriteAsync(request, cancellation);
        var statusLine = await ReadLineAsync(cancellation);
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"not an HTTP status line: '{statusLine}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await ReadLineAsync(cancellation); line.Length > 0; line = await ReadLineAsync(cancellation))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var collected = new MemoryStream();
            while (true)
            {
                var size = int.Parse(( await ReadLineAsync(cancellation)).Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while ((await ReadLineAsync(cancellation)).Length > 0)
                    {
                        // trailers: ignored
                    }

                    break;
                }

                collected.Write(await ReadExactlyAsync(size, cancellation));
                await ReadLineAsync(cancellation);
            }

            body = collected.ToArray();
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            body = await ReadExactlyAsync(length, cancellation);
        }

        var close = headers.TryGetValue("Connection", out var connection) && connection.Contains("close", StringComparison.OrdinalIgnoreCase);
        return (status, Encoding.UTF8.GetString(body), close);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            await FillAsync(cancellation);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellation)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                await FillAsync(cancellation);
            }

            var take = Math.Min(count - copied, _end - _start);
            Array.Copy(_buffer, _start, result, copied, take);
            _start += take;
            copied += take;
        }

        return result;
    }

    private async Task FillAsync(CancellationToken cancellation)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new FormatException("an HTTP header line longer than the buffer");
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellation);
        if (read == 0)
        {
            throw new IOException("the server closed the connection before a complete answer");
        }

        _end += read;
    }
}
