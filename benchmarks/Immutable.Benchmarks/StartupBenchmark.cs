using System.Diagnostics;
using System.Globalization;
using Immutable.Sdk.Testing;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Benchmarks;

/// <summary>
/// Measures what Terraform waits for: exec → handshake line → first successful RPC over mutual
/// TLS, then the provider's peak resident memory and the latency of steady RPCs.
/// </summary>
internal static class StartupBenchmark
{
    public static async Task RunAsync(string binary, int startups, int rpcs)
    {
        var toHandshake = new List<double>();
        var toFirstRpc = new List<double>();
        var peakRss = new List<long>();

        // One warm-up start so the binary's pages are in the OS cache, as on a second terraform run.
        await MeasureStartAsync(binary).ConfigureAwait(false);
        for (var i = 0; i < startups; i++)
        {
            var (handshake, first, rss) = await MeasureStartAsync(binary).ConfigureAwait(false);
            toHandshake.Add(handshake);
            toFirstRpc.Add(first);
            peakRss.Add(rss);
        }

        var latencies = await MeasureLatencyAsync(binary, rpcs).ConfigureAwait(false);

        Console.WriteLine($"binary: {binary} ({new FileInfo(binary).Length / 1024.0 / 1024.0:0.0} MiB)");
        Console.WriteLine($"starts: {startups}, RPCs: {rpcs}");
        Console.WriteLine($"exec → handshake line          median {Median(toHandshake):0.0} ms   p90 {Percentile(toHandshake, 0.9):0.0} ms");
        Console.WriteLine($"exec → first TLS RPC answered  median {Median(toFirstRpc):0.0} ms   p90 {Percentile(toFirstRpc, 0.9):0.0} ms");
        Console.WriteLine($"peak RSS after schema+configure median {Median(peakRss.Select(r => (double)r).ToList()) / 1024:0.0} MiB   max {peakRss.Max() / 1024.0:0.0} MiB");
        Console.WriteLine($"steady ValidateProviderConfig   p50 {Percentile(latencies, 0.5) * 1000:0} µs   p99 {Percentile(latencies, 0.99) * 1000:0} µs   ({latencies.Count / latencies.Sum() * 1000:0} RPC/s sequential)");
    }

    private static async Task<(double Handshake, double FirstRpc, long PeakRssKib)> MeasureStartAsync(string binary)
    {
        await using var provider = await ProviderProcess.StartAsync(new ProviderLaunchOptions { Executable = binary }).ConfigureAwait(false);
        var handshake = provider.StartupTime.TotalMilliseconds;

        // The clock started at exec (client certificate generation, like Terraform's, comes before).
        var afterHandshake = Stopwatch.StartNew();
        var schema = await provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        var first = handshake + afterHandshake.Elapsed.TotalMilliseconds;

        // As Terraform sends it: the provider block with every attribute, null when unset. (A null
        // object takes the error path, whose stack-trace formatting adds about 2 MB to the peak.)
        var block = WireSchema.Read(schema.Provider, [], "provider");
        var config = Immutable.Cty.CtyValue.Object(block.Attributes.ToDictionary(a => a.Name, a => Immutable.Cty.CtyValue.Null(a.Type), StringComparer.Ordinal));
        await provider.Provider.ConfigureProviderAsync(new V6.ConfigureProvider.Types.Request
        {
            TerraformVersion = "1.14.0",
            Config = Immutable.Sdk.Protocol.WireMapping.Encode(config, block.Type),
        });
        var rss = PeakRssKib(provider.ProcessId);
        await provider.ShutdownAsync().ConfigureAwait(false);
        return (handshake, first, rss);
    }

    private static async Task<List<double>> MeasureLatencyAsync(string binary, int rpcs)
    {
        await using var provider = await ProviderProcess.StartAsync(new ProviderLaunchOptions { Executable = binary }).ConfigureAwait(false);
        var type = Immutable.Cty.CtyType.Object([("host", Immutable.Cty.CtyType.String)]);
        var request = new V6.ValidateProviderConfig.Types.Request { Config = Immutable.Sdk.Protocol.WireMapping.Encode(null, type) };
        for (var i = 0; i < 200; i++)
        {
            await provider.Provider.ValidateProviderConfigAsync(request);
        }

        var latencies = new List<double>(rpcs);
        for (var i = 0; i < rpcs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await provider.Provider.ValidateProviderConfigAsync(request);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }

    private static long PeakRssKib(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Round(p * (sorted.Count - 1)))];
    }
}
