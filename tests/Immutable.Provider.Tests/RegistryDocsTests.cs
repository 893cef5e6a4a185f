using Immutable.DocsGen;

namespace Immutable.Provider.Tests;

/// <summary>
/// docs/index.md and docs/resources/ are generated from the published provider's schema and examples/: the
/// committed pages must be exactly what <c>./build.sh docs</c> would write now.
/// </summary>
public sealed class RegistryDocsTests
{
    [Fact]
    public async Task Committed_registry_docs_match_the_provider_schema_and_examples()
    {
        var root = PublishedBinaries.RepositoryRoot();
        var pages = await DocsGenerator.GenerateAsync(PublishedBinaries.Provider, Path.Combine(root, "examples"));

        // Written into an empty folder (with a page of a resource that no longer exists), the pages round-trip.
        var scratch = Directory.CreateTempSubdirectory("immutable-docs-");
        try
        {
            var stale = Path.Combine(scratch.FullName, "resources", "gone.md");
            Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
            await File.WriteAllTextAsync(stale, "stale");
            DocsGenerator.Write(pages, scratch.FullName);
            Assert.False(File.Exists(stale));
            Assert.Empty(DocsGenerator.FindDrift(pages, scratch.FullName));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        Assert.Contains("index.md", pages.Keys);
        Assert.Contains("resources/image.md", pages.Keys);
        var drift = DocsGenerator.FindDrift(pages, Path.Combine(root, "docs"));
        Assert.True(drift.Count == 0,
            "The committed registry docs differ from what the provider schema and examples/ produce:\n"
            + string.Join("\n", drift)
            + $"\nRun {DocsGenerator.RegenerateCommand} and commit docs/.");
    }
}
