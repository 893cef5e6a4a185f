using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Immutable.Packaging.Tests;

/// <summary>
/// docs/sdk/getting-started.md performed verbatim against the freshly packed packages: every file the guide shows
/// is written into a clean directory, the provider is published with NativeAOT, the guide's tests run, and — where
/// a Terraform CLI is installed — its configuration is applied through dev_overrides. The guide cannot rot.
/// </summary>
[Collection(PackedSdkCollection.Name)]
public sealed partial class GettingStartedGuideTests(PackedSdk packed)
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task The_guide_works_verbatim_from_a_clean_directory_with_only_the_packages()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(packed.RepositoryRoot, "docs", "sdk", "getting-started.md"));
        var files = GuideFiles(guide);
        Assert.Contains("provider/terraform-provider-notes.csproj", files.Keys);
        Assert.Contains("tests/NoteLifecycleTests.cs", files.Keys);
        Assert.Contains("config/main.tf", files.Keys);

        var root = Directory.CreateDirectory(Path.Combine(packed.Scratch, "notes")).FullName;
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, PackageVersion().Replace(content, $"$1Version=\"{packed.Version}\""));
        }

        packed.WriteNuGetConfig(root);
        File.Copy(Path.Combine(packed.RepositoryRoot, "global.json"), Path.Combine(root, "global.json"));

        await DotNetCli.RunAsync(root, Slow, "publish", "provider", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", Path.Combine("provider", "out"), "--nologo");
        var binary = Path.Combine(root, "provider", "out", "terraform-provider-notes");
        Assert.True(File.Exists(binary), $"the guide's publish step wrote no {binary}");

        var tests = await DotNetCli.RunAsync(root, Slow, "test", "tests", "--nologo");
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+2,", tests);

        if (FindOnPath("terraform") is { } terraform)
        {
            await ApplyWithTerraformAsync(terraform, root, binary);
        }
    }

    private static async Task ApplyWithTerraformAsync(string terraform, string root, string binary)
    {
        var cliConfig = Path.Combine(root, "terraformrc");
        await File.WriteAllTextAsync(cliConfig, $$"""
            provider_installation {
              dev_overrides {
                "example/notes" = "{{Path.GetDirectoryName(binary)}}"
              }
              direct {}
            }
            """);
        var environment = new Dictionary<string, string> { ["TF_CLI_CONFIG_FILE"] = cliConfig, ["TF_IN_AUTOMATION"] = "1" };
        var config = Path.Combine(root, "config");
        await DotNetCli.RunProgramAsync(terraform, config, Slow, environment, "apply", "-auto-approve", "-input=false", "-no-color");
        Assert.Equal("buy milk\n", await File.ReadAllTextAsync(Path.Combine(config, "out", "todo.txt")));

        // A no-op plan exits 0 with -detailed-exitcode (2 would mean changes).
        await DotNetCli.RunProgramAsync(terraform, config, Slow, environment, "plan", "-detailed-exitcode", "-input=false", "-no-color");
        await DotNetCli.RunProgramAsync(terraform, config, Slow, environment, "destroy", "-auto-approve", "-input=false", "-no-color");
        Assert.False(File.Exists(Path.Combine(config, "out", "todo.txt")), "destroy left the note behind");
    }

    /// <summary>Each <c>&lt;!-- file: PATH --&gt;</c> marker and the fenced block after it.</summary>
    private static Dictionary<string, string> GuideFiles(string guide) =>
        FileBlock().Matches(guide).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["content"].Value, StringComparer.Ordinal);

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"<!-- file: (?<path>[^ ]+) -->\r?\n```[a-z]*\r?\n(?<content>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FileBlock();

    // The guide pins the released version; the test uses the one it just packed.
    [GeneratedRegex(@"(Include=""Immutable\.Sdk(?:\.Testing)?"" )Version=""[^""]+""")]
    private static partial Regex PackageVersion();
}
