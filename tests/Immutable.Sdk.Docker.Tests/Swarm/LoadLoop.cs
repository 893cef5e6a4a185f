using System.Collections.Concurrent;
using System.Diagnostics;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>Clients hitting an endpoint until stopped: counts answers by body and failures by kind (no retries).</summary>
internal sealed class LoadLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public LoadLoop(Uri target, int workers = 4)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunAsync(target)))];
    }

    public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    public int Total => Answers.Values.Sum() + Failures.Values.Sum();

    public int Failed => Failures.Values.Sum();

    public double RequestsPerSecond => Total / Math.Max(0.001, _clock.Elapsed.TotalSeconds);

    public void Reset()
    {
        Answers.Clear();
        Failures.Clear();
        _clock.Restart();
    }

    public string Describe() =>
        $"{Total} requests ({RequestsPerSecond:F0}/s): {string.Join(", ", Answers.Select(a => $"{a.Key}={a.Value}"))}; failed {Failed} {string.Join(", ", Failures.Select(f => $"{f.Key}={f.Value}"))}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }

    private async Task RunAsync(Uri target)
    {
        // Keep-alive connections that never retry: the strictest kind of client.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(target, _stop.Token);
                var body = (await response.Content.ReadAsStringAsync(_stop.Token)).Trim();
                if (response.IsSuccessStatusCode)
                {
                    Answers.AddOrUpdate(body, 1, (_, n) => n + 1);
                }
                else
                {
                    Failures.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Failures.AddOrUpdate(ex.GetBaseException().GetType().Name, 1, (_, n) => n + 1);
                await Task.Delay(10);
            }
        }
    }
}
