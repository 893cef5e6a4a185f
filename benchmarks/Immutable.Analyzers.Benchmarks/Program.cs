using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Immutable.Analyzers.Benchmarks;
using Immutable.Processes;

// Build-time benchmark of the Immutable analyzers. Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/Immutable.Analyzers.Benchmarks -- [--files 2000] [--runs 5]
//       [--out /tmp/immutable-analyzer-bench] [--project path/to/Some.csproj]... [--skip-generated] [--shared-compilation]
//       [--in-process 5] [--in-process-only]
// Each measured project is built with `dotnet build --no-incremental --no-restore -c Release`, alternating runs
// without and with the analyzers (added through CustomAfterMicrosoftCommonTargets, so any project can be measured
// unchanged), after one warm-up build of each. Reported: median wall-clock build time and median Csc task time,
// and the per-analyzer times of one extra build with -p:ReportAnalyzer=true. By default every build runs a fresh csc
// process (UseSharedCompilation=false), which avoids the run-to-run noise of a long-lived compiler server;
// --shared-compilation measures with the server instead.
int files = 2000;
int runs = 5;
string output = Path.Combine(Path.GetTempPath(), "immutable-analyzer-bench");
var projects = new List<string>();
bool skipGenerated = false;
bool sharedCompilation = false;
int inProcessRuns = 0;
bool inProcessOnly = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--files": files = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": output = Path.GetFullPath(args[++i]); break;
        case "--project": projects.Add(Path.GetFullPath(args[++i])); break;
        case "--skip-generated": skipGenerated = true; break;
        case "--shared-compilation": sharedCompilation = true; break;
        case "--in-process": inProcessRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--in-process-only": inProcessOnly = true; break;
        default: throw new ArgumentException("Unknown argument " + args[i]);
    }
}

string root = FindRepositoryRoot();
Directory.CreateDirectory(output);

Console.WriteLine("==> building the analyzers (Release)");
Run("dotnet", ["build", Path.Combine(root, "analyzers", "Immutable.Analyzers", "Immutable.Analyzers.csproj"), "-c", "Release", "--nologo", "-v", "q"], root, out _, out _);
string analyzerDll = Path.Combine(root, "analyzers", "Immutable.Analyzers", "bin", "Release", "netstandard2.0", "Immutable.Analyzers.dll");
string injector = Path.Combine(output, "AddImmutableAnalyzers.targets");
File.WriteAllText(injector, $"""
    <Project>
      <ItemGroup Condition="'$(WithImmutableAnalyzers)' == 'true'">
        <Analyzer Include="{analyzerDll}" />
      </ItemGroup>
    </Project>
    """);

if (!skipGenerated)
{
    string generated = Path.Combine(output, "Generated");
    Console.WriteLine($"==> generating {files} files into {generated}");
    CodeGenerator.Generate(generated, files);
    projects.Insert(0, Path.Combine(generated, "Generated.csproj"));
}

var report = new StringBuilder();
if (inProcessRuns > 0 || inProcessOnly)
{
    // The rules' own cost on one thread, beside a no-op analyzer (InProcessMeasurement.cs): steady under load.
    string generatedSources = Path.Combine(output, "Generated");
    Console.WriteLine($"==> in process: {generatedSources}");
    report.AppendLine(InProcessMeasurement.Run(analyzerDll, generatedSources, Math.Max(inProcessRuns, 3)));
    if (inProcessOnly)
    {
        Console.WriteLine(report.ToString());
        return 0;
    }
}

report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInfo()}; {runs} runs per mode, median; compiler server {(sharedCompilation ? "on" : "off")}.");
report.AppendLine();
report.AppendLine("| Project | C# files | Lines | Build without (s) | Build with (s) | Build overhead | CPU without (s) | CPU with (s) | CPU overhead | Csc without (s) | Csc with (s) | Csc overhead |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
var analyzerReports = new StringBuilder();

foreach (string project in projects)
{
    string name = Path.GetFileNameWithoutExtension(project);
    string directory = Path.GetDirectoryName(project)!;
    (int fileCount, long lineCount) = CountSource(directory);
    Console.WriteLine($"==> {name}: {fileCount} files, {lineCount} lines");
    Run("dotnet", ["restore", project, "--nologo", "-v", "q"], directory, out _, out _);

    string common = $"build \"{project}\" --no-incremental --no-restore -c Release --nologo -nodeReuse:false -clp:PerformanceSummary -p:UseSharedCompilation={(sharedCompilation ? "true" : "false")} -p:CustomAfterMicrosoftCommonTargets=\"{injector}\"";
    Measure(common + " -p:WithImmutableAnalyzers=false", directory);
    Measure(common + " -p:WithImmutableAnalyzers=true", directory);

    var without = new List<(double Build, double Cpu, double Csc)>();
    var with = new List<(double Build, double Cpu, double Csc)>();
    for (int run = 0; run < runs; run++)
    {
        without.Add(Measure(common + " -p:WithImmutableAnalyzers=false", directory));
        with.Add(Measure(common + " -p:WithImmutableAnalyzers=true", directory));
        Console.WriteLine($"    run {run + 1}: without {without[^1].Build:F2}s (cpu {without[^1].Cpu:F2}s, csc {without[^1].Csc:F2}s), with {with[^1].Build:F2}s (cpu {with[^1].Cpu:F2}s, csc {with[^1].Csc:F2}s)");
    }

    double buildWithout = Median(without.Select(r => r.Build));
    double buildWith = Median(with.Select(r => r.Build));
    double cpuWithout = Median(without.Select(r => r.Cpu));
    double cpuWith = Median(with.Select(r => r.Cpu));
    double cscWithout = Median(without.Select(r => r.Csc));
    double cscWith = Median(with.Select(r => r.Csc));
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {name} | {fileCount} | {lineCount} | {buildWithout:F2} | {buildWith:F2} | {Percent(buildWith, buildWithout)} | {cpuWithout:F2} | {cpuWith:F2} | {Percent(cpuWith, cpuWithout)} | {cscWithout:F2} | {cscWith:F2} | {Percent(cscWith, cscWithout)} |");

    Run("bash", ["-c", "dotnet " + common + " -p:WithImmutableAnalyzers=true -p:ReportAnalyzer=true -v:d"], directory, out string detailed, out _);
    analyzerReports.AppendLine(CultureInfo.InvariantCulture, $"### {name} (-p:ReportAnalyzer=true)");
    analyzerReports.AppendLine();
    analyzerReports.AppendLine("```");
    foreach (string line in AnalyzerLines(detailed))
    {
        analyzerReports.AppendLine(line);
    }

    analyzerReports.AppendLine("```");
    analyzerReports.AppendLine();
}

report.AppendLine();
report.Append(analyzerReports);
string results = Path.Combine(output, "results.md");
File.WriteAllText(results, report.ToString());
Console.WriteLine();
Console.WriteLine(report.ToString());
Console.WriteLine("Results written to " + results);
return 0;

(double Build, double Cpu, double Csc) Measure(string arguments, string directory)
{
    // bash's `time` reports the CPU time of all reaped descendants: MSBuild nodes (no node reuse) and csc processes
    // (no compiler server). CPU time is far less sensitive than wall-clock time to other load on the machine.
    Run("bash", ["-c", "TIMEFORMAT='IMMTIME %R %U %S'; time dotnet " + arguments], directory, out string log, out string errors);
    Match time = Regex.Match(errors, @"IMMTIME ([0-9.]+) ([0-9.]+) ([0-9.]+)");
    double real = double.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture);
    double cpu = double.Parse(time.Groups[2].Value, CultureInfo.InvariantCulture) + double.Parse(time.Groups[3].Value, CultureInfo.InvariantCulture);
    Match csc = Regex.Match(log, @"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline);
    double cscSeconds = csc.Success ? int.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0 : double.NaN;
    return (real, cpu, cscSeconds);
}

static IEnumerable<string> AnalyzerLines(string log)
{
    // csc prints "Total analyzer execution time: N seconds.", a "Time (s) % Analyzer" header, then one line per
    // analyzer assembly (with its total) followed by one line per analyzer type.
    int remaining = 0;
    foreach (string raw in log.Split('\n'))
    {
        string line = raw.TrimEnd('\r').Trim();
        if (line.StartsWith("Total analyzer execution time", StringComparison.Ordinal))
        {
            remaining = 500;
            yield return line;
            continue;
        }

        if (remaining-- <= 0)
        {
            continue;
        }

        bool isRow = line.Length > 0 && (char.IsDigit(line[0]) || line[0] == '<');
        if (line.StartsWith("Time (s)", StringComparison.Ordinal) ||
            (isRow && (line.Contains("Version=", StringComparison.Ordinal) || line.Contains("Immutable.Analyzers", StringComparison.Ordinal))))
        {
            yield return line;
        }
    }
}

static void Run(string fileName, IEnumerable<string> arguments, string directory, out string log, out string errors)
{
    var environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
    ProcessResult result = ProcessRunner.Run(fileName, arguments, new ProcessOptions { WorkingDirectory = directory, Environment = environment, Timeout = TimeSpan.FromHours(1) });
    log = result.Stdout;
    errors = result.Stderr;
    if (!result.Succeeded)
    {
        throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{log}\n{errors}");
    }
}

static (int Files, long Lines) CountSource(string directory)
{
    int count = 0;
    long lines = 0;
    foreach (string file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
    {
        string relative = Path.GetRelativePath(directory, file);
        if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
        {
            continue;
        }

        count++;
        lines += File.ReadLines(file).LongCount();
    }

    return (count, lines);
}

static double Median(IEnumerable<double> values)
{
    double[] sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Percent(double with, double without) =>
    without > 0 ? ((with - without) / without * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " on " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;

static string FindRepositoryRoot()
{
    for (DirectoryInfo? directory = new(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (Directory.Exists(Path.Combine(directory.FullName, "analyzers", "Immutable.Analyzers")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository (analyzers/Immutable.Analyzers not found).");
}
