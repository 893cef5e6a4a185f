using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Immutable.Analyzers.Tests;

/// <summary>Every rule has a unique ID, a help link to its docs page, a docs page, and a release-tracking entry.</summary>
public class RuleCatalogTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = typeof(DiagnosticIds).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    private static readonly DiagnosticDescriptor[] Rules = Analyzers.SelectMany(a => a.SupportedDiagnostics).ToArray();

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (FieldInfo field in typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add((string)field.GetValue(null)!);
        }

        return data;
    }

    [Fact]
    public void NineRules_OneAnalyzerEach()
    {
        Assert.Equal(9, Analyzers.Length);
        Assert.All(Analyzers, a => Assert.Single(a.SupportedDiagnostics));
        Assert.Equal(Rules.Length, Rules.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_IsWellFormed(string id)
    {
        DiagnosticDescriptor rule = Assert.Single(Rules, r => r.Id == id);
        Assert.Matches("^IMM[0-9]{4}$", rule.Id);
        Assert.Equal($"https://github.com/immutable-infra/immutable/blob/main/docs/analyzers/{id}.md", rule.HelpLinkUri);
        Assert.Contains(rule.Category, new[] { DiagnosticCategories.ImmutableCode, DiagnosticCategories.ImmutableInfrastructure });
        Assert.True(rule.IsEnabledByDefault);
        Assert.Equal(DiagnosticSeverity.Warning, rule.DefaultSeverity);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_HasDocsPage_IndexEntry_AndReleaseEntry(string id)
    {
        string root = RepositoryRoot();
        string page = Path.Combine(root, "docs", "analyzers", id + ".md");
        Assert.True(File.Exists(page), "missing " + page);
        Assert.StartsWith("# " + id + ":", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(root, "docs", "analyzers", "README.md")), StringComparison.Ordinal);
        string releases = File.ReadAllText(Path.Combine(root, "analyzers", "Immutable.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(root, "analyzers", "Immutable.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains(id + " |", releases, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "docs", "analyzers")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found from " + AppContext.BaseDirectory);
    }
}
