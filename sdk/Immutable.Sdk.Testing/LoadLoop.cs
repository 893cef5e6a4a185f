using System.Collections.Concurrent;
using System.Diagnostics;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Clients that keep using an endpoint while a replacement runs: several workers with keep-alive
/// connections, recording every answer (its body, e.g. which version answered) and every failure.
/// Use it to prove a cutover loses no request.
/// </summary>
public sealed class LoadLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Task[] _workers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts <paramref name="workers"/> clients sending GET requests to <paramref name="endpoint"/> until stopped.</summary>
    public LoadLoop(Uri endpoint, int workers = 8)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(endpoint)))];
    }

    /// <summary>Answers in order of arrival: elapsed milliseconds and body.</summary>
    public ConcurrentQueue<(long At, string Body)> Answers { get; } = new();

    /// <summary>Failed requests (status or exception).</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Time since the clients started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Stops the clients and waits for their last requests.</summary>
    public async Task<LoadLoop> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _clock.Stop();
        return this;
    }

    /// <summary>Requests (answered or failed) per second so far.</summary>
    public double RequestsPerSecond => (Answers.Count + Failures.Count) / _clock.Elapsed.TotalSeconds;

    /// <summary>How many successful answers had exactly this body.</summary>
    public int Count(string body) => Answers.Count(a => a.Body == body);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task WorkAsync(Uri endpoint)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _http.GetAsync(endpoint, _stop.Token);
                var body = (await response.Content.ReadAsStringAsync(_stop.Token)).Trim();
                if (response.IsSuccessStatusCode)
                {
                    Answers.Enqueue((_clock.ElapsedMilliseconds, body));
                }
                else
                {
                    Failures.Enqueue($"{(int)response.StatusCode}: {body}");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                Failures.Enqueue($"{ex.GetType().Name}: {ex.GetBaseException().Message}");
            }
        }
    }
}
