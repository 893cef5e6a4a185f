using Immutable.DocsGen;

// Usage: Immutable.DocsGen --provider artifacts/bin/terraform-provider-immutable [--examples examples] [--docs docs] [--check]
// Writes the registry pages into --docs, or with --check only reports how the committed pages differ (exit code 1).
var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["--examples"] = "examples", ["--docs"] = "docs" };
var check = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--check")
    {
        check = true;
    }
    else if (args[i] is "--provider" or "--examples" or "--docs" && i + 1 < args.Length)
    {
        options[args[i]] = args[++i];
    }
    else
    {
        await Console.Error.WriteLineAsync($"unknown argument '{args[i]}'\nusage: Immutable.DocsGen --provider BINARY [--examples DIR] [--docs DIR] [--check]");
        return 2;
    }
}

if (!options.TryGetValue("--provider", out var provider))
{
    await Console.Error.WriteLineAsync("--provider BINARY is required (./build.sh publishes it to artifacts/bin/)");
    return 2;
}

var pages = await DocsGenerator.GenerateAsync(Path.GetFullPath(provider), Path.GetFullPath(options["--examples"]));
var docs = Path.GetFullPath(options["--docs"]);
if (check)
{
    var drift = DocsGenerator.FindDrift(pages, docs, options["--docs"]);
    foreach (var problem in drift)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    if (drift.Count > 0)
    {
        await Console.Error.WriteLineAsync($"Run {DocsGenerator.RegenerateCommand} and commit the result.");
        return 1;
    }

    Console.WriteLine($"{pages.Count} pages in {options["--docs"]} match the provider schema.");
    return 0;
}

DocsGenerator.Write(pages, docs);
foreach (var page in pages.Keys)
{
    Console.WriteLine($"wrote {Path.Combine(options["--docs"], page)}");
}

return 0;
