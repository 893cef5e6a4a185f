using System.Globalization;
using Immutable.Sdk.Testing;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Benchmarks;

/// <summary>
/// What the provider's resident memory is made of right after its first answered RPC: the process's
/// status and page faults, then <c>/proc/PID/smaps</c> summed per mapped file and permission (the
/// binary's code and read-only data, shared libraries) and the largest anonymous mappings (GC regions,
/// NativeAOT's rehydrated data, thread stacks). Linux only.
/// </summary>
internal static class MemoryMap
{
    public static async Task RunAsync(string binary)
    {
        await using var provider = await ProviderProcess.StartAsync(new ProviderLaunchOptions { Executable = binary }).ConfigureAwait(false);
        await provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        var pid = provider.ProcessId;

        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM", StringComparison.Ordinal) || line.StartsWith("VmRSS", StringComparison.Ordinal) ||
                line.StartsWith("Rss", StringComparison.Ordinal) || line.StartsWith("Threads", StringComparison.Ordinal))
            {
                Console.WriteLine(line);
            }
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Console.WriteLine($"page faults: {fields[7]} minor, {fields[9]} major");

        var files = new Dictionary<string, long>(StringComparer.Ordinal);
        var anonymous = new List<(string Range, long SizeKib, long RssKib)>();
        string? mapping = null;
        var range = string.Empty;
        long size = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0].Contains('-', StringComparison.Ordinal) && !parts[0].EndsWith(':'))
            {
                var bounds = parts[0].Split('-');
                size = (long.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) - long.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)) / 1024;
                range = parts[0];
                mapping = parts.Length == 6 ? $"{Path.GetFileName(parts[5].Trim())} {parts[1]}" : null;
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                if (mapping is null)
                {
                    anonymous.Add((range, size, rss));
                }
                else
                {
                    files[mapping] = files.GetValueOrDefault(mapping) + rss;
                }
            }
        }

        Console.WriteLine($"anonymous, total {anonymous.Sum(a => a.RssKib)} kB resident; the largest:");
        foreach (var (where, sizeKib, rssKib) in anonymous.OrderByDescending(a => a.RssKib).Take(8))
        {
            Console.WriteLine($"  {where,-36} size {sizeKib,9} kB  resident {rssKib,7} kB");
        }

        Console.WriteLine("mapped files (resident kB):");
        foreach (var (name, rss) in files.Where(f => f.Value > 0).OrderByDescending(f => f.Value))
        {
            Console.WriteLine($"  {name,-50} {rss,7}");
        }
    }
}
