using System.Text.RegularExpressions;
using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests;

/// <summary>
/// Keeps examples/ honest without a Terraform CLI: every resource block of every .tf file may use
/// only attributes the provider's schema has (nested objects included), must set every required
/// one, and every local build context it names must exist.
/// </summary>
public sealed partial class ExamplesTests : IAsyncLifetime
{
    private static readonly HashSet<string> MetaArguments = ["lifecycle", "depends_on", "count", "for_each", "provider", "connection", "provisioner"];
    private TerraformSession _session = null!;

    public async Task InitializeAsync() =>
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });

    public async Task DisposeAsync() => await _session.DisposeAsync();

    public static TheoryData<string> ExampleFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(PublishedBinaries.RepositoryRoot(), "examples"), "*.tf", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(PublishedBinaries.RepositoryRoot(), f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_resource_block_matches_the_schema(string file)
    {
        var text = StripComments(File.ReadAllText(Path.Combine(PublishedBinaries.RepositoryRoot(), file)));
        var problems = new List<string>();
        foreach (Match block in ResourceBlock().Matches(text))
        {
            var type = block.Groups[1].Value;
            if (!_session.ResourceTypes.Contains(type))
            {
                problems.Add($"unknown resource type {type}");
                continue;
            }

            var schemaType = (CtyObjectType)_session.Schema(type).Type;
            var body = Balanced(text, block.Index + block.Length - 1);
            Check(type, schemaType, body, problems, topLevel: true);
            foreach (var required in _session.Schema(type).Attributes.Where(a => a.Required))
            {
                if (!Keys(body).ContainsKey(required.Name))
                {
                    problems.Add($"{type}: required attribute {required.Name} is missing");
                }
            }

            foreach (Match context in ContextPath().Matches(body))
            {
                var directory = Path.GetFullPath(Path.Combine(PublishedBinaries.RepositoryRoot(), Path.GetDirectoryName(file)!, context.Groups[1].Value));
                if (!Directory.Exists(directory))
                {
                    problems.Add($"{type}: context {context.Groups[1].Value} does not exist");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{file}:\n  " + string.Join("\n  ", problems));
    }

    private static void Check(string where, CtyObjectType type, string body, List<string> problems, bool topLevel = false)
    {
        foreach (var (key, value) in Keys(body))
        {
            if (topLevel && MetaArguments.Contains(key))
            {
                continue;
            }

            if (!type.TryGetAttributeType(key, out var attributeType))
            {
                problems.Add($"{where}: unsupported argument \"{key}\"");
                continue;
            }

            var element = attributeType is CtyCollectionType collection ? collection.ElementType : attributeType;
            if (element is CtyObjectType nested && value is not null)
            {
                foreach (Match inner in InlineObject().Matches(value))
                {
                    Check($"{where}.{key}", nested, inner.Value[1..^1], problems);
                }
            }
        }
    }

    /// <summary>Top-level <c>key = value</c> and <c>key { ... }</c> entries of an HCL body (values that start with <c>{</c> or <c>[</c> returned whole).</summary>
    private static Dictionary<string, string?> Keys(string body)
    {
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        var i = 0;
        while (i < body.Length)
        {
            var match = Entry().Match(body, i);
            if (!match.Success)
            {
                break;
            }

            var key = match.Groups[1].Value;
            var open = match.Index + match.Length - 1;
            var value = body[open] is '{' or '[' ? Balanced(body, open) : null;
            keys[key] = value is null ? null : body[open] + value + (body[open] == '{' ? "}" : "]");
            i = value is null ? match.Index + match.Length : open + value.Length + 2;
        }

        return keys;
    }

    private static string Balanced(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && text[i - 1] != '\\')
            {
                inString = !inString;
            }
            else if (!inString && c is '{' or '[')
            {
                depth++;
            }
            else if (!inString && c is '}' or ']' && --depth == 0)
            {
                return text[(open + 1)..i];
            }
        }

        throw new InvalidOperationException("unbalanced braces");
    }

    private static string StripComments(string text) => Comment().Replace(text, string.Empty);

    [GeneratedRegex("""resource\s+"([a-z0-9_]+)"\s+"[A-Za-z0-9_-]+"\s*\{""")]
    private static partial Regex ResourceBlock();

    [GeneratedRegex("""(?m)(?:^|[,{])\s*([a-z_][a-z0-9_]*)\s*(?:=\s*(?:[{\[]|(?=[^{\[=]))|\{)""")]
    private static partial Regex Entry();

    [GeneratedRegex("""\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}""")]
    private static partial Regex InlineObject();

    [GeneratedRegex("context\\s*=\\s*\"\\$\\{path\\.module\\}/([^\"]+)\"")]
    private static partial Regex ContextPath();

    [GeneratedRegex("""(?m)(?<!:)(#|//).*$""")]
    private static partial Regex Comment();
}
