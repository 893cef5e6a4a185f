using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Immutable.Analyzers.Benchmarks;

/// <summary>
/// Which rule owns the cost: on one thread, the same compilation is analyzed by the no-op analyzer alone and by the
/// no-op analyzer plus one of our analyzers at a time (and plus all of them). Each difference of CPU time is that
/// rule's marginal cost, with binding and operation trees paid on both sides; per-rule telemetry from a run with all
/// rules would include binding that the first rule to ask triggers, and overlapping work.
/// </summary>
internal static class PerRuleMeasurement
{
    public static string Run(string analyzerDll, string sourceDirectory, int runs)
    {
        ImmutableArray<DiagnosticAnalyzer> ours = InProcessMeasurement.LoadAnalyzers(analyzerDll);
        List<SyntaxTree> trees = InProcessMeasurement.ParseSources(sourceDirectory);
        List<MetadataReference> references = InProcessMeasurement.FrameworkReferences();
        var noOp = new InProcessMeasurement.NoOpAnalyzer();
        var variants = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> { ("all rules", ours.Add(noOp)) };
        foreach (DiagnosticAnalyzer analyzer in ours)
        {
            string ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
            variants.Add((ids + " " + analyzer.GetType().Name, ImmutableArray.Create(analyzer, noOp)));
        }

        var added = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var diagnostics = new Dictionary<string, int>();
        var baselines = new List<double>();
        for (int run = 0; run <= runs; run++)
        {
            // Run 0 warms the JIT and Roslyn's caches and is not counted.
            double baseline = InProcessMeasurement.Cpu(() => InProcessMeasurement.Analyze(
                InProcessMeasurement.Compile(trees, references, run), ImmutableArray.Create<DiagnosticAnalyzer>(noOp), null));
            foreach ((string name, ImmutableArray<DiagnosticAnalyzer> analyzers) in variants)
            {
                CompilationWithAnalyzers? analyzed = null;
                double with = InProcessMeasurement.Cpu(() => analyzed = InProcessMeasurement.Analyze(
                    InProcessMeasurement.Compile(trees, references, run), analyzers, null));
                diagnostics[name] = analyzed!.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
                if (run > 0)
                {
                    added[name].Add(with - baseline);
                }
            }

            if (run > 0)
            {
                baselines.Add(baseline);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    per-rule run {run}{(run == 0 ? " (warm-up)" : string.Empty)}: no-op {baseline:F0} ms"));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### Per rule, in process, one thread ({runs} runs, median CPU ms added to the no-op analyzer's {InProcessMeasurement.Median(baselines):F0} ms; {trees.Count} files)");
        report.AppendLine();
        report.AppendLine("| analyzer | added CPU (ms) | per run | diagnostics |");
        report.AppendLine("| --- | ---: | --- | ---: |");
        foreach ((string name, List<double> times) in added.OrderByDescending(pair => InProcessMeasurement.Median(pair.Value)))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {InProcessMeasurement.Median(times):F0} | {string.Join(" ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} | {diagnostics[name]} |");
        }

        return report.ToString();
    }
}
