using System.Globalization;

namespace Immutable.Rollout.Benchmarks;

/// <summary>Command-line options of the rollout benchmark.</summary>
internal sealed record BenchmarkOptions
{
    public string Provider { get; init; } = Path.GetFullPath(Path.Combine(Environment.GetEnvironmentVariable("IMMUTABLE_ARTIFACTS") ?? "artifacts/bin", "terraform-provider-immutable"));

    public string ProxyImage { get; init; } = "immutable-test/proxy:nginx";

    public int Rounds { get; init; } = 4;

    public int Workers { get; init; } = 16;

    public int Replicas { get; init; } = 3;

    public string Strategy { get; init; } = "blue_green";

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--provider" => options with { Provider = Path.GetFullPath(value) },
                "--proxy-image" => options with { ProxyImage = value },
                "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--workers" => options with { Workers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--replicas" => options with { Replicas = int.Parse(value, CultureInfo.InvariantCulture) },
                "--strategy" => options with { Strategy = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
