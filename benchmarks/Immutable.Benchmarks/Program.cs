using Immutable.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/Immutable.Benchmarks -- [provider-binary] [startups] [rpcs]
var binary = args.Length > 0 ? args[0] : Path.Combine("artifacts", "bin", "terraform-provider-immutable");
var startups = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
var rpcs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
if (!File.Exists(binary))
{
    Console.Error.WriteLine($"{binary} does not exist; run ./build.sh first.");
    return 1;
}

await StartupBenchmark.RunAsync(binary, startups, rpcs).ConfigureAwait(false);
return 0;
