using System.Text;
using Immutable.Sdk.Testing;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.DocsGen;

/// <summary>
/// Generates the provider's docs in the Terraform Registry layout (as terraform-plugin-docs does): <c>index.md</c>
/// for the provider and <c>resources/&lt;name&gt;.md</c> for every resource type in the schema the provider binary
/// announces. Prose comes from the schema's descriptions; examples and extra sections from <c>examples/</c>:
/// <list type="bullet">
/// <item><c>provider/provider.tf</c>, and optionally <c>provider/guide.md</c>;</item>
/// <item><c>resources/&lt;type&gt;/resource.tf</c>, <c>import.sh</c> and an optional hand-written <c>guide.md</c>,
/// placed between the example and the schema.</item>
/// </list>
/// </summary>
public static class DocsGenerator
{
    /// <summary>The command that regenerates the committed docs.</summary>
    public const string RegenerateCommand = "./build.sh docs";

    /// <summary>Launches the provider as Terraform would, reads its schema and renders every page.</summary>
    /// <returns>Page text by path relative to the docs folder, with '/' separators.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> GenerateAsync(string providerBinary, string examplesDirectory, CancellationToken cancellation = default)
    {
        V6.GetProviderSchema.Types.Response schema;
        await using (var provider = await ProviderProcess.StartAsync(new ProviderLaunchOptions { Executable = providerBinary }, cancellation).ConfigureAwait(false))
        {
            schema = await provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request(), cancellationToken: cancellation).ConfigureAwait(false);
        }

        if (schema.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException("GetProviderSchema returned diagnostics: " + string.Join("; ", schema.Diagnostics.Select(d => d.Summary + ": " + d.Detail)));
        }

        var providerName = ProviderName(providerBinary);
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["index.md"] = ProviderPage(providerName, schema.Provider.Block, Path.Combine(examplesDirectory, "provider")),
        };
        foreach (var (typeName, resource) in schema.ResourceSchemas.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var shortName = typeName.StartsWith(providerName + "_", StringComparison.Ordinal) ? typeName[(providerName.Length + 1)..] : typeName;
            pages[$"resources/{shortName}.md"] = ResourcePage(providerName, typeName, resource.Block, Path.Combine(examplesDirectory, "resources", typeName));
        }

        return pages;
    }

    /// <summary>The files of <paramref name="docsDirectory"/> the generator owns: <c>index.md</c> and <c>resources/*.md</c>.</summary>
    public static IEnumerable<string> OwnedFiles(string docsDirectory)
    {
        if (File.Exists(Path.Combine(docsDirectory, "index.md")))
        {
            yield return "index.md";
        }

        var resources = Path.Combine(docsDirectory, "resources");
        if (Directory.Exists(resources))
        {
            foreach (var file in Directory.EnumerateFiles(resources, "*.md").Order(StringComparer.Ordinal))
            {
                yield return "resources/" + Path.GetFileName(file);
            }
        }
    }

    /// <summary>Writes the pages and removes owned pages that no resource produces any more.</summary>
    public static void Write(IReadOnlyDictionary<string, string> pages, string docsDirectory)
    {
        ArgumentNullException.ThrowIfNull(pages);
        foreach (var stale in OwnedFiles(docsDirectory).Where(f => !pages.ContainsKey(f)).ToList())
        {
            File.Delete(Path.Combine(docsDirectory, stale));
        }

        foreach (var (relative, text) in pages)
        {
            var path = Path.Combine(docsDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>
    /// How the committed docs differ from freshly generated pages: one message per file (missing, stale, or the
    /// first differing line); empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> FindDrift(IReadOnlyDictionary<string, string> pages, string docsDirectory, string docsDisplayPath = "docs")
    {
        ArgumentNullException.ThrowIfNull(pages);
        var problems = new List<string>();
        foreach (var (relative, generated) in pages)
        {
            var path = Path.Combine(docsDirectory, relative);
            if (!File.Exists(path))
            {
                problems.Add($"{docsDisplayPath}/{relative} is missing.");
                continue;
            }

            var committed = File.ReadAllText(path);
            if (committed != generated)
            {
                problems.Add($"{docsDisplayPath}/{relative} is out of date: {FirstDifference(committed, generated)}");
            }
        }

        foreach (var stale in OwnedFiles(docsDirectory).Where(f => !pages.ContainsKey(f)))
        {
            problems.Add($"{docsDisplayPath}/{stale} belongs to no resource of the provider's schema.");
        }

        return problems;
    }

    private static string FirstDifference(string committed, string generated)
    {
        var left = committed.Split('\n');
        var right = generated.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var a = i < left.Length ? left[i] : "<end of file>";
            var b = i < right.Length ? right[i] : "<end of file>";
            if (a != b)
            {
                return $"first difference at line {i + 1}:\n    committed: {a}\n    generated: {b}";
            }
        }

        return "they differ only in line endings or encoding.";
    }

    private static string ProviderName(string providerBinary)
    {
        const string prefix = "terraform-provider-";
        var name = Path.GetFileNameWithoutExtension(providerBinary);
        var underscore = name.IndexOf('_', StringComparison.Ordinal); // terraform-provider-NAME_vX.Y.Z in release archives
        name = underscore > 0 ? name[..underscore] : name;
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    private static string ProviderPage(string providerName, V6.Schema.Types.Block block, string examples) =>
        Page($"{providerName} Provider", $"{providerName} Provider", block, examples, "provider.tf", importSection: false);

    private static string ResourcePage(string providerName, string typeName, V6.Schema.Types.Block block, string examples) =>
        Page($"{typeName} Resource - {providerName}", $"{typeName} (Resource)", block, examples, "resource.tf", importSection: true);

    private static string Page(string title, string heading, V6.Schema.Types.Block block, string examples, string example, bool importSection)
    {
        var page = new StringBuilder();
        FrontMatter(page, title, block.Description);
        page.Append("# ").Append(heading).Append('\n');
        Paragraph(page, block.Description);
        CodeSection(page, "Example Usage", null, "terraform", Path.Combine(examples, example));
        Guide(page, Path.Combine(examples, "guide.md"));
        SchemaSection(page, block);
        if (importSection)
        {
            CodeSection(page, "Import", "Import is supported using the following syntax:", "shell", Path.Combine(examples, "import.sh"));
        }

        return page.ToString();
    }

    private static void FrontMatter(StringBuilder page, string title, string description)
    {
        page.Append("---\n");
        page.Append("# generated by ").Append(RegenerateCommand).Append(" (tools/Immutable.DocsGen) from the provider schema and examples/; edit those, not this file\n");
        page.Append("page_title: \"").Append(title).Append("\"\n");
        page.Append("subcategory: \"\"\n");
        var lines = Normalize(description).Split('\n');
        if (lines is [""])
        {
            page.Append("description: \"\"\n");
        }
        else
        {
            page.Append("description: |-\n");
            foreach (var line in lines)
            {
                page.Append(line.Length == 0 ? "\n" : "  " + line + "\n");
            }
        }

        page.Append("---\n\n");
    }

    private static void Paragraph(StringBuilder page, string text)
    {
        var normalized = Normalize(text);
        if (normalized.Length > 0)
        {
            page.Append('\n').Append(normalized).Append('\n');
        }
    }

    private static void CodeSection(StringBuilder page, string heading, string? lead, string language, string file)
    {
        if (!File.Exists(file))
        {
            return;
        }

        var code = Normalize(File.ReadAllText(file));
        if (code.StartsWith("#!", StringComparison.Ordinal))
        {
            code = code[(code.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        }

        page.Append("\n## ").Append(heading).Append('\n');
        if (lead is not null)
        {
            page.Append('\n').Append(lead).Append('\n');
        }

        page.Append("\n```").Append(language).Append('\n').Append(code).Append("\n```\n");
    }

    private static void Guide(StringBuilder page, string file)
    {
        if (File.Exists(file))
        {
            page.Append('\n').Append(Normalize(File.ReadAllText(file))).Append('\n');
        }
    }

    private static void SchemaSection(StringBuilder page, V6.Schema.Types.Block block)
    {
        page.Append("\n<!-- schema generated from the provider's GetProviderSchema by ").Append(RegenerateCommand).Append(" -->\n");
        page.Append(SchemaMarkdown.Render(block));
    }

    /// <summary>LF line endings, no trailing white space on lines, no blank lines at either end.</summary>
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');
}
