using System.Globalization;

namespace Immutable.Docker.Benchmarks;

/// <summary>Command line: a command word, then <c>--name value</c> pairs.</summary>
internal sealed record Options
{
    public required string Command { get; init; }

    public required string Directory { get; init; }

    public string? CacheDirectory { get; init; }

    public string? Dockerfile { get; init; }

    public string? Output { get; init; }

    public int Files { get; init; }

    public int Megabytes { get; init; }

    public int Runs { get; init; }

    public int ThroughputRuns { get; init; }

    public int Parallelism { get; init; }

    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new Options
        {
            Command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all",
            Directory = Path.GetFullPath(Value("--dir") ?? Path.Combine(Path.GetTempPath(), "immutable-bench-context")),
            CacheDirectory = Value("--cache") is { } cache ? Path.GetFullPath(cache) : null,
            Dockerfile = Value("--dockerfile"),
            Output = Value("--out"),
            Files = Number("--files", 10_000),
            Megabytes = Number("--megabytes", 200),
            Runs = Number("--runs", 15),
            ThroughputRuns = Number("--throughput-runs", 3),
            Parallelism = Number("--parallel", Environment.ProcessorCount),
        };
    }
}
