using System.Diagnostics;
using System.Globalization;
using Immutable.Docker.Benchmarks;
using Immutable.Sdk.Docker.BuildContext;

// Build-context figures: cold digest throughput against sha256sum, and the warm re-plan time that the
// stat-keyed cache buys. Not a test: it prints numbers. Run in Release:
//   dotnet run -c Release --project benchmarks/Immutable.Docker.Benchmarks -- [--dir D] [--files N] [--megabytes M] [--runs R]
//   ... -- replan-once --dir D --cache C     one scan in this process (cold with an empty cache directory), with
//                                            the process's CPU time, peak RSS, bytes allocated and GC counts
//                                            (benchmarks/scripts/context-vs-python.sh). Publish with -p:BenchmarkAot=true
//                                            to measure it as the provider runs it (no JIT).
//   ... -- generate --dir D --files N --megabytes M   only write the large-file shape
//   ... -- tar --dir D [--dockerfile F] --out context.tar   write a context tar to a file
var options = Options.Parse(args);
var inputs = new BuildInputs { ContextDirectory = options.Directory };

if (options.Command == "tar")
{
    // Writes the context tar to a file, for feeding the Engine API by hand (curl --data-binary @file).
    var snapshot = ContextScanner.Scan(inputs with { Dockerfile = options.Dockerfile });
    var output = File.Create(options.Output ?? "context.tar");
    await using (output.ConfigureAwait(false))
    {
        await snapshot.WriteTarAsync(output);
    }

    Console.WriteLine($"{snapshot.Digest} dockerfile={snapshot.Dockerfile} entries={snapshot.Entries.Count}");
    return 0;
}

if (options.Command == "generate")
{
    // Only writes the large-file shape (for context-vs-python.sh); --files and --megabytes as below.
    var (count, size) = ContextGenerator.Ensure(options.Directory, options.Files, options.Megabytes * 1024L * 1024);
    Console.WriteLine(FormattableString.Invariant($"{options.Directory}: {count} files, {size / 1048576.0:F1} MiB"));
    return 0;
}

if (options.Command == "replan-once")
{
    var clock = Stopwatch.StartNew();
    var snapshot = ContextScanner.Scan(inputs, new ContextScanOptions { CacheDirectory = options.CacheDirectory });
    var elapsed = clock.Elapsed.TotalMilliseconds;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    var entries = snapshot.Entries.Count;
    Console.WriteLine(FormattableString.Invariant(
        $"{elapsed:F1} ms  hashed={snapshot.FilesHashed} {snapshot.Digest} entries={entries} us_per_entry={elapsed * 1000 / Math.Max(1, entries):F2} ") +
        FormattableString.Invariant(
        $"process_cpu_ms={cpu:F0} peak_rss_kib={Machine.PeakRssKib()} allocated_kib={GC.GetTotalAllocatedBytes(precise: true) / 1024} gc_counts={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} aot={!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported}"));
    return 0;
}

Console.WriteLine($"cores: {Environment.ProcessorCount}  runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"generating {options.Files} files, ~{options.Megabytes} MB in {options.Directory} ...");
var (files, bytes) = ContextGenerator.Ensure(options.Directory, options.Files, options.Megabytes * 1024L * 1024);
Console.WriteLine(FormattableString.Invariant($"context: {files} files, {bytes / 1048576.0:F1} MiB"));
var canDrop = Machine.TryDropCaches();
Console.WriteLine(canDrop ? "page cache: dropped before each cold run" : "page cache: cannot drop (not root?); cold runs are warm-cache runs");

// JIT and first-touch warm-up, not measured.
ContextScanner.Scan(inputs);

Console.WriteLine();
Console.WriteLine("(a) full digest, no stat cache");
foreach (var cold in canDrop ? new[] { true, false } : [false])
{
    var label = cold ? "cold" : "warm";
    for (var run = 0; run < options.ThroughputRuns; run++)
    {
        if (cold)
        {
            Machine.TryDropCaches();
        }

        Console.WriteLine($"  [{label}] load {Machine.Load()}");
        var clock = Stopwatch.StartNew();
        var snapshot = ContextScanner.Scan(inputs);
        Report($"  [{label}] immutable (parallel {Environment.ProcessorCount})", clock.Elapsed, bytes, $"hashed {snapshot.FilesHashed}");

        foreach (var (name, command) in new[]
        {
            ("sha256sum (xargs, 1 process)", $"find '{options.Directory}' -type f -print0 | xargs -0 sha256sum > /dev/null"),
            ($"sha256sum (xargs -P {Environment.ProcessorCount})", $"find '{options.Directory}' -type f -print0 | xargs -0 -P {Environment.ProcessorCount} -n 256 sha256sum > /dev/null"),
        })
        {
            if (cold)
            {
                Machine.TryDropCaches();
            }

            Report($"  [{label}] {name}", Machine.Run(command), bytes, string.Empty);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"(b) warm re-plan with the stat cache, {options.Runs} runs, parallelism {options.Parallelism} (target <= 50 ms)");
var cacheDirectory = Path.Combine(Path.GetTempPath(), "immutable-bench-cache");
if (Directory.Exists(cacheDirectory))
{
    Directory.Delete(cacheDirectory, recursive: true);
}

var scanOptions = new ContextScanOptions { CacheDirectory = cacheDirectory, MaxParallelism = options.Parallelism };
var populate = Stopwatch.StartNew();
var first = ContextScanner.Scan(inputs, scanOptions);
Console.WriteLine(FormattableString.Invariant($"  populate: {populate.Elapsed.TotalMilliseconds:F0} ms, hashed {first.FilesHashed}"));
var times = new List<double>();
var cpuTimes = new List<double>();
Console.WriteLine($"  load {Machine.Load()}");
for (var run = 0; run < options.Runs; run++)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var snapshot = ContextScanner.Scan(inputs, scanOptions);
    times.Add(clock.Elapsed.TotalMilliseconds);
    cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    if (snapshot.Digest != first.Digest || snapshot.FilesHashed != 0)
    {
        Console.WriteLine($"  run {run}: digest changed or files re-hashed ({snapshot.FilesHashed})!");
    }
}

times.Sort();
cpuTimes.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"  wall: median {times[times.Count / 2]:F1} ms  min {times[0]:F1}  p90 {times[(int)(times.Count * 0.9)]:F1}  max {times[^1]:F1}  (load {Machine.Load()})"));
Console.WriteLine(FormattableString.Invariant(
    $"  cpu (all threads, user+sys): median {cpuTimes[cpuTimes.Count / 2]:F1} ms  min {cpuTimes[0]:F1}  max {cpuTimes[^1]:F1}"));

Console.WriteLine();
Console.WriteLine($"(b') the same warm re-plan, each in a fresh process (as a plan runs), {options.Runs} runs");
var fresh = new List<double>();
for (var run = 0; run < options.Runs; run++)
{
    fresh.Add(Machine.ReplanInFreshProcess(options.Directory, cacheDirectory));
}

fresh.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"  wall (scan only): median {fresh[fresh.Count / 2]:F1} ms  min {fresh[0]:F1}  max {fresh[^1]:F1}  (load {Machine.Load()})"));

Console.WriteLine();
Console.WriteLine("(c) tar stream (page cache warm, verified while streaming)");
for (var run = 0; run < 3; run++)
{
    var clock = Stopwatch.StartNew();
    using var counter = new CountingStream();
    await using (var tar = first.OpenTar())
    {
        await tar.CopyToAsync(counter);
    }

    Report("  OpenTar -> sha256", clock.Elapsed, counter.Count, FormattableString.Invariant($"tar {counter.Count / 1048576.0:F1} MiB sha256:{counter.Sha256[..16]}"));
}

Console.WriteLine();
Console.WriteLine($"context digest: {first.Digest}");
Console.WriteLine($"cache file: {Path.Combine(cacheDirectory, FileHashCache.FileNameFor(first.ContextRoot))}");
return 0;

static void Report(string name, TimeSpan elapsed, long bytes, string note) =>
    Console.WriteLine(FormattableString.Invariant(
        $"{name,-44} {elapsed.TotalMilliseconds,8:F0} ms  {bytes / 1048576.0 / elapsed.TotalSeconds,7:F0} MiB/s  {note}"));
