using Immutable.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/Immutable.Benchmarks -- [provider-binary] [startups] [rpcs]
//        dotnet run -c Release --project benchmarks/Immutable.Benchmarks -- --memory [provider-binary]
var memory = args.Length > 0 && args[0] == "--memory";
var rest = memory ? args[1..] : args;
var binary = rest.Length > 0 ? rest[0] : Path.Combine("artifacts", "bin", "terraform-provider-immutable");
if (!File.Exists(binary))
{
    Console.Error.WriteLine($"{binary} does not exist; run ./build.sh first.");
    return 1;
}

if (memory)
{
    await MemoryMap.RunAsync(binary).ConfigureAwait(false);
    return 0;
}

var startups = rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
var rpcs = rest.Length > 2 ? int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
await StartupBenchmark.RunAsync(binary, startups, rpcs).ConfigureAwait(false);
return 0;
