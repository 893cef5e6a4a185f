using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Clients that never retry: each worker keeps one HTTP/1.1 keep-alive connection and sends its
/// requests one after another on it. <see cref="HttpClient"/> silently resends a request when a pooled
/// connection turns out to be closed, which hides exactly the failures a naive client (or a POST that
/// must not be sent twice) sees; these clients count every such request as failed instead. A
/// connection is reopened only after a complete answer carrying <c>Connection: close</c>, or after a
/// failure (the failed request itself is not sent again).
/// </summary>
public sealed class RawKeepAliveLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _timeout;

    /// <summary>Starts <paramref name="workers"/> clients sending <paramref name="method"/> requests (POST carries a small body) to <paramref name="endpoint"/>.</summary>
    public RawKeepAliveLoop(Uri endpoint, int workers = 8, string method = "GET", TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        var request = Request(endpoint, method);
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(endpoint, request)))];
    }

    /// <summary>Answers in order of arrival: elapsed milliseconds and body.</summary>
    public ConcurrentQueue<(long At, string Body)> Answers { get; } = new();

    /// <summary>Failed requests: elapsed milliseconds and what failed.</summary>
    public ConcurrentQueue<(long At, string What)> Failures { get; } = new();

    /// <summary>Connections the server closed after announcing it (<c>Connection: close</c>): graceful, not failures.</summary>
    public int GracefulCloses => _gracefulCloses;

    private int _gracefulCloses;

    /// <summary>Time since the clients started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Stops the clients and waits for their last requests.</summary>
    public async Task<RawKeepAliveLoop> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _clock.Stop();
        return this;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private static byte[] Request(Uri endpoint, string method)
    {
        var body = method == "GET" ? string.Empty : "payload=" + new string('x', 64);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {endpoint.PathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {endpoint.Authority}\r\n")
            .Append(body.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\n") : string.Empty)
            .Append("\r\n")
            .Append(body);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private async Task WorkAsync(Uri endpoint, byte[] request)
    {
        HttpConnection? connection = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    connection ??= await HttpConnection.OpenAsync(endpoint, _stop.Token);
                    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    deadline.CancelAfter(_timeout);
                    var (status, body, close) = await connection.SendAsync(request, deadline.Token);
                    if (status is >= 200 and < 300)
                    {
                        Answers.Enqueue((_clock.ElapsedMilliseconds, body.Trim()));
                    }
                    else
                    {
                        Failures.Enqueue((_clock.ElapsedMilliseconds, string.Create(CultureInfo.InvariantCulture, $"{status}: {body.Trim()}")));
                    }

                    if (close)
                    {
                        Interlocked.Increment(ref _gracefulCloses);
                        connection.Dispose();
                        connection = null;
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or FormatException)
                {
                    Failures.Enqueue((_clock.ElapsedMilliseconds, $"{ex.GetType().Name}: {ex.GetBaseException().Message}"));
                    connection?.Dispose();
                    connection = null;
                    await Task.Delay(50, CancellationToken.None); // an endpoint that refuses must not turn into a busy loop
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
