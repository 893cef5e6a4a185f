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

    /// <summary>How many clients a loop runs unless told otherwise.</summary>
    public const int DefaultWorkers = 8;

    /// <summary>Starts <paramref name="workers"/> clients sending GET requests to <paramref name="endpoint"/> until stopped.</summary>
    public LoadLoop(Uri endpoint, int workers = DefaultWorkers)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(endpoint)))];
    }

    /// <summary>Answers in order of arrival: elapsed milliseconds and body.</summary>
    public ConcurrentQueue<(long At, string Body)> Answers { get; } = new();

    /// <summary>Failed requests (status or exception), truncated answers included.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>
    /// The failures whose status line and headers had arrived before the body was cut off: the backend died while it
    /// was answering. A proxy forwards an answer as soon as its headers are in, so it can retry a request only
    /// before that; these are the requests no proxy can save.
    /// </summary>
    public ConcurrentQueue<string> TruncatedAnswers { get; } = new();

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
            HttpResponseMessage? response = null;
            try
            {
                response = await _http.GetAsync(endpoint, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
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
                var failure = $"{ex.GetType().Name}: {ex.GetBaseException().Message}";
                if (response is not null && ex is not TaskCanceledException)
                {
                    failure = $"after {(int)response.StatusCode} and its headers: {failure}";
                    TruncatedAnswers.Enqueue(failure);
                }

                Failures.Enqueue(failure);
            }
            finally
            {
                response?.Dispose();
            }
        }
    }
}
