using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Immutable.Cty;
using Immutable.Rollout.Benchmarks;
using Immutable.Sdk.Testing;

// Replaces a rollout's generation several times while clients hammer the endpoint, and reports
// requests per second held, failed requests, and cutover time (new generation healthy → old removed).
// Usage: dotnet run -c Release --project benchmarks/Immutable.Rollout.Benchmarks -- [--rounds 4] [--workers 16] [--replicas 3] [--strategy blue_green|canary]
var options = BenchmarkOptions.Parse(args);
var c = CultureInfo.InvariantCulture;
var root = Directory.CreateTempSubdirectory("rollout-bench").FullName;
var service = "bench" + Guid.NewGuid().ToString("N")[..8];
var images = new[] { AppImages.Build(root, "v1"), AppImages.Build(root, "v2") };
var port = AppImages.FreePort();
var endpoint = new Uri($"http://127.0.0.1:{port}/");

await using var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
{
    Executable = options.Provider,
    Environment = new Dictionary<string, string?> { ["TF_LOG_PROVIDER"] = "INFO" },
});
await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(options.ProxyImage) }));
var configs = images.Select(image => RolloutConfigs.Build(session, service, image, port, options)).ToArray();

var plan = await session.PlanAsync("immutable_rollout", null, configs[0]);
var state = (await session.ApplyAsync(plan))!;
Console.WriteLine($"service {service}: {options.Replicas} replicas, strategy {options.Strategy}, {options.Workers} client workers, endpoint {endpoint}");
Console.WriteLine("round | rps held | requests | failed | apply s | cutover ms (healthy → old removed) | traffic switch ms");
var results = new List<(double Rps, int Failed, double Cutover)>();
try
{
    for (var round = 1; round <= options.Rounds; round++)
    {
        var next = configs[round % 2];
        var before = session.Process.StandardError.Count;
        await using var load = new LoadLoop(endpoint, options.Workers);
        await Task.Delay(1000);
        var replace = await session.PlanAsync("immutable_rollout", await session.RefreshAsync("immutable_rollout", state), next, createBeforeDestroy: true);
        var clock = Stopwatch.StartNew();
        state = (await session.ApplyAsync(replace))!;
        var apply = clock.Elapsed;
        await Task.Delay(1000);
        await load.StopAsync();

        var log = session.Process.StandardError.Skip(before).Select(ProviderLog.Parse).Where(l => l is not null).Select(l => l!.Value).ToList();
        var healthy = log.FirstOrDefault(l => l.Message.Contains("healthy after", StringComparison.Ordinal)).At;
        var removed = log.LastOrDefault(l => l.Message.Contains("removed " + service + "-g", StringComparison.Ordinal)).At;
        var switched = log.LastOrDefault(l => l.Message.Contains("switched to", StringComparison.Ordinal)).Message;
        var cutover = (removed - healthy).TotalMilliseconds;
        var total = load.Answers.Count + load.Failures.Count;
        results.Add((load.RequestsPerSecond, load.Failures.Count, cutover));
        Console.WriteLine(string.Create(c, $"{round,5} | {load.RequestsPerSecond,8:F0} | {total,8} | {load.Failures.Count,6} | {apply.TotalSeconds,7:F2} | {cutover,10:F0} | {ProviderLog.Milliseconds(switched)}"));
        foreach (var failure in load.Failures.Take(5))
        {
            Console.WriteLine("      failure: " + failure);
        }
    }
}
finally
{
    var destroy = await session.PlanAsync("immutable_rollout", state, null);
    await session.ApplyAsync(destroy);
    Directory.Delete(root, recursive: true);
}

Console.WriteLine(string.Create(c, $"summary: min rps {results.Min(r => r.Rps):F0}, failed {results.Sum(r => r.Failed)} in {results.Count} cutovers, cutover median {Median(results.Select(r => r.Cutover)):F0} ms, max {results.Max(r => r.Cutover):F0} ms"));
return results.Sum(r => r.Failed) == 0 ? 0 : 1;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

namespace Immutable.Rollout.Benchmarks
{
    /// <summary>One hclog JSON line of the provider: its time and message.</summary>
    internal static class ProviderLog
    {
        public static (DateTimeOffset At, string Message)? Parse(string line)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var at = json.RootElement.GetProperty("@timestamp").GetString();
                var message = json.RootElement.GetProperty("@message").GetString() ?? string.Empty;
                return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? (time, message) : null;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>The "in N ms" figure of a log message, or "-".</summary>
        public static string Milliseconds(string? message)
        {
            var at = message?.LastIndexOf(" in ", StringComparison.Ordinal) ?? -1;
            return at < 0 ? "-" : message![(at + 4)..];
        }
    }
}
