using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace Immutable.Analyzers.Benchmarks;

/// <summary>
/// The analyzers' own cost, measured inside one process on one thread: the same compilation is analyzed by a no-op
/// analyzer that registers the same kinds of actions (so binding and operation trees cost the same on both sides),
/// then by the no-op analyzer plus ours. The difference is what our rules' code costs. CPU time of this process is
/// used, so other load on the machine stretches both sides alike; a full compile and emit of the same project gives
/// the scale for the percentage.
/// </summary>
internal static class InProcessMeasurement
{
    private static readonly string[] ImplicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
    };

    public static string Run(string analyzerDll, string sourceDirectory, int runs)
    {
        ImmutableArray<DiagnosticAnalyzer> ours = LoadAnalyzers(analyzerDll);
        List<SyntaxTree> trees = ParseSources(sourceDirectory);
        List<MetadataReference> references = FrameworkReferences();
        var baseline = ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer());
        ImmutableArray<DiagnosticAnalyzer> withOurs = ours.Add(new NoOpAnalyzer());

        var compileTimes = new List<double>();
        var baselineTimes = new List<double>();
        var oursTimes = new List<double>();
        var perAnalyzer = new Dictionary<string, List<double>>();
        for (int run = 0; run <= runs; run++)
        {
            // Run 0 warms the JIT and Roslyn's caches and is not counted.
            double compile = Cpu(() => Compile(trees, references, run).Emit(Stream.Null));
            double alone = Cpu(() => Analyze(Compile(trees, references, run), baseline, null));
            CompilationWithAnalyzers? analyzed = null;
            double both = Cpu(() => analyzed = Analyze(Compile(trees, references, run), withOurs, null));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    in-process run {run}{(run == 0 ? " (warm-up)" : string.Empty)}: compile+emit {compile:F0} ms, no-op analyzer {alone:F0} ms, no-op + ours {both:F0} ms"));
            if (run == 0)
            {
                continue;
            }

            compileTimes.Add(compile);
            baselineTimes.Add(alone);
            oursTimes.Add(both);
            foreach (DiagnosticAnalyzer analyzer in ours)
            {
                AnalyzerTelemetryInfo telemetry = analyzed!.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
                string name = analyzer.GetType().Name + " (" + string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct()) + ")";
                if (!perAnalyzer.TryGetValue(name, out List<double>? times))
                {
                    perAnalyzer[name] = times = new List<double>();
                }

                times.Add(telemetry.ExecutionTime.TotalMilliseconds);
            }
        }

        double compileMedian = Median(compileTimes);
        double added = Median(oursTimes.Zip(baselineTimes, (with, without) => with - without));
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### In process, one thread ({runs} runs, median CPU ms; {trees.Count} files)");
        report.AppendLine();
        report.AppendLine("| compile + emit | no-op analyzer | no-op + Immutable analyzers | added by our rules | added / compile + emit |");
        report.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {compileMedian:F0} | {Median(baselineTimes):F0} | {Median(oursTimes):F0} | {added:F0} | {added / compileMedian * 100:+0.0;-0.0}% |");
        report.AppendLine();
        report.AppendLine("| rule | median execution time (ms) |");
        report.AppendLine("| --- | ---: |");
        foreach ((string name, List<double> times) in perAnalyzer.OrderByDescending(pair => Median(pair.Value)))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(times):F0} |");
        }

        return report.ToString();
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(string analyzerDll)
    {
        Assembly assembly = Assembly.LoadFrom(analyzerDll);
        return assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
    }

    private static List<SyntaxTree> ParseSources(string directory)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(file => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file), Encoding.UTF8), options, file))
            .ToList();
        string globalUsings = string.Concat(ImplicitUsings.Select(name => "global using " + name + ";\n"));
        trees.Add(CSharpSyntaxTree.ParseText(globalUsings, options, "GlobalUsings.g.cs"));
        return trees;
    }

    /// <summary>The reference assemblies of the running .NET (packs/Microsoft.NETCore.App.Ref), as a build uses.</summary>
    private static List<MetadataReference> FrameworkReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string version = Path.GetFileName(runtime);
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string pack = Directory.Exists(Path.Combine(packs, version))
            ? Path.Combine(packs, version)
            : Directory.GetDirectories(packs).Order(StringComparer.Ordinal).Last();
        string referenceDirectory = Directory.GetDirectories(Path.Combine(pack, "ref")).Order(StringComparer.Ordinal).Last();
        return Directory.EnumerateFiles(referenceDirectory, "*.dll")
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToList();
    }

    private static CSharpCompilation Compile(List<SyntaxTree> trees, List<MetadataReference> references, int run) =>
        CSharpCompilation.Create(
            "Generated" + run.ToString(CultureInfo.InvariantCulture),
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    private static CompilationWithAnalyzers Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions? options)
    {
        var analyzed = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        analyzed.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        return analyzed;
    }

    private static double Cpu(Action action)
    {
        TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Registers the action kinds our rules register and does nothing: the baseline's driver cost.</summary>
#pragma warning disable RS1001, RS1036, RS1041, RS2008 // A benchmark fixture created in this process, never loaded by a compiler or shipped.
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("NOOP0001", "No-op", "No-op", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                _ => { },
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment,
                OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.ParameterReference);
            context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1001, RS1036, RS1041, RS2008
}
