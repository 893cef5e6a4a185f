using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Immutable.Analyzers.Tests;

/// <summary>Shared set-up of analyzer and code-fix tests: references, attribute sources, stand-in APIs, options.</summary>
internal static class TestSetup
{
    public static readonly string ImmutableAttributeSource = ReadResource("ImmutableAttribute.cs");

    public static readonly string MutableByDesignAttributeSource = ReadResource("MutableByDesignAttribute.cs");

    private static string ReadResource(string name)
    {
        using Stream stream = typeof(TestSetup).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("Missing embedded resource " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static void Configure(SolutionState state, bool attributes, string[] extraSources, string? editorConfig)
    {
        state.ReferenceAssemblies = TestReferences.None;
        state.AdditionalReferences.AddRange(TestReferences.Framework);
        if (attributes)
        {
            state.Sources.Add(("/Annotations/ImmutableAttribute.cs", ImmutableAttributeSource));
            state.Sources.Add(("/Annotations/MutableByDesignAttribute.cs", MutableByDesignAttributeSource));
        }

        for (int i = 0; i < extraSources.Length; i++)
        {
            state.Sources.Add(($"/StandIns/StandIn{i}.cs", extraSources[i]));
        }

        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        }
    }

    public static Solution UseLatestLanguage(Solution solution, ProjectId projectId)
    {
        Project project = solution.GetProject(projectId)!;
        var parseOptions = (CSharpParseOptions)project.ParseOptions!;
        return solution.WithProjectParseOptions(projectId, parseOptions.WithLanguageVersion(LanguageVersion.Preview));
    }
}

/// <summary>Runs an analyzer on markup source: <c>{|IMM0001:x|}</c> marks where a diagnostic is expected.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, attributes: true, standIns: Array.Empty<string>(), editorConfig: null, expected);

    public static async Task AnalyzerAsync(string source, bool attributes, string[] standIns, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        TestSetup.Configure(test.TestState, attributes, standIns, editorConfig);
        test.SolutionTransforms.Add(TestSetup.UseLatestLanguage);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Several source files, for example one named like generated code.</summary>
    public static async Task AnalyzerAsync((string Path, string Source)[] sources, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        foreach ((string path, string text) in sources)
        {
            test.TestState.Sources.Add((path, text));
        }

        TestSetup.Configure(test.TestState, attributes: true, Array.Empty<string>(), null);
        test.SolutionTransforms.Add(TestSetup.UseLatestLanguage);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}

/// <summary>Runs an analyzer and a code fix: markup before, expected code after (Fix All is checked too).</summary>
internal static class VerifyFix<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task CodeFixAsync(string source, string fixedSource, string? equivalenceKey = null, int? iterations = null, string[]? standIns = null, string? editorConfig = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (iterations is { } count)
        {
            test.NumberOfFixAllIterations = count;
            test.NumberOfIncrementalIterations = count;
        }

        TestSetup.Configure(test.TestState, attributes: true, standIns ?? Array.Empty<string>(), editorConfig);
        TestSetup.Configure(test.FixedState, attributes: true, standIns ?? Array.Empty<string>(), editorConfig);
        test.SolutionTransforms.Add(TestSetup.UseLatestLanguage);
        await test.RunAsync();
    }

    /// <summary>The diagnostic is reported but no fix is offered.</summary>
    public static async Task NoFixAsync(string source, string[]? standIns = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = source,
        };
        TestSetup.Configure(test.TestState, attributes: true, standIns ?? Array.Empty<string>(), null);
        TestSetup.Configure(test.FixedState, attributes: true, standIns ?? Array.Empty<string>(), null);
        test.SolutionTransforms.Add(TestSetup.UseLatestLanguage);
        await test.RunAsync();
    }
}
