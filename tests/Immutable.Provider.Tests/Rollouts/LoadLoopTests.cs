using System.Net;
using System.Net.Sockets;
using System.Text;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// The load loop tells an answer cut off after its headers (a backend that died while answering) from a request
/// that got no answer at all. A one-purpose socket server plays the dying backend, because a real replica dies
/// between its header and body writes only rarely (the crash test allows exactly that case).
/// </summary>
public sealed class LoadLoopTests
{
    [Fact]
    public async Task An_answer_cut_off_after_its_headers_is_a_truncated_failure()
    {
        var (truncated, failures) = await RunAgainstAsync("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc");
        Assert.NotEmpty(failures);
        Assert.Equal(failures.Count, truncated.Count);
        Assert.All(truncated, t => Assert.StartsWith("after 200 and its headers: ", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_closed_without_an_answer_is_a_failure_but_not_a_truncated_answer()
    {
        var (truncated, failures) = await RunAgainstAsync(answer: string.Empty);
        Assert.NotEmpty(failures);
        Assert.Empty(truncated);
    }

    /// <summary>Serves every connection with <paramref name="answer"/> and closes it; returns what the loop recorded.</summary>
    private static async Task<(IReadOnlyList<string> Truncated, IReadOnlyList<string> Failures)> RunAgainstAsync(string answer)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var server = ServeAsync(listener, Encoding.ASCII.GetBytes(answer), stop.Token);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using (var load = new LoadLoop(new Uri($"http://127.0.0.1:{port}/"), workers: 1))
        {
            for (var attempt = 0; load.Failures.Count < 3; attempt++)
            {
                Assert.True(attempt < 600, "the loop recorded no failures against a server that never answers in full");
                await Task.Delay(50);
            }

            await load.StopAsync();
            await stop.CancelAsync();
            listener.Stop();
            await server;
            return ([.. load.TruncatedAnswers], [.. load.Failures]);
        }
    }

    private static async Task ServeAsync(TcpListener listener, byte[] answer, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop);
                try
                {
                    var stream = client.GetStream();
                    await ReadRequestHeadAsync(stream, stop);
                    await stream.WriteAsync(answer, stop);
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    // This client gave up first; serve the next one.
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped: the loop is over.
        }
    }

    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken stop)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stop);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
