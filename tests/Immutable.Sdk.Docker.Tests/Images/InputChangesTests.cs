using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Docker.Tests.BuildContext;

namespace Immutable.Sdk.Docker.Tests.Images;

/// <summary>What a plan says changed since the prior build: real scans of a real tree, the prior one's file list kept in a real cache directory.</summary>
public sealed class InputChangesTests : IDisposable
{
    private readonly TempTree _tree = new();

    public InputChangesTests()
    {
        _tree.File("app/Dockerfile", "FROM scratch\nCOPY . /\n");
        _tree.File("app/a.txt", "a");
        _tree.File("app/b.txt", "b");
        _tree.File("app/src/c.txt", "c");
        _tree.File("app/src/d.txt", "d");
    }

    public void Dispose() => _tree.Dispose();

    private BuildInputs Inputs(Dictionary<string, string>? args = null) => new() { ContextDirectory = _tree["app"], BuildArgs = args ?? [] };

    private Task<ContextSnapshot> ScanAsync(BuildInputs inputs) => ImageBuilder.ScanAsync(inputs, _tree["cache"], CancellationToken.None);

    [Fact]
    public async Task Editing_two_files_and_deleting_one_names_exactly_those_three()
    {
        var prior = await ScanAsync(Inputs());
        File.WriteAllText(_tree["app/a.txt"], "a2");
        File.WriteAllText(_tree["app/src/c.txt"], "c2");
        File.Delete(_tree["app/src/d.txt"]);
        var now = await ScanAsync(Inputs());

        var explanation = InputChanges.Explain(Inputs(), prior.Digest, now, _tree["cache"]);
        Assert.NotNull(explanation);
        var listed = explanation.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("~ ", StringComparison.Ordinal) || l.StartsWith("- ", StringComparison.Ordinal) && !l.Contains(':', StringComparison.Ordinal) || l.StartsWith("+ ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["~ a.txt", "~ src/c.txt", "- src/d.txt"], listed);
        Assert.Contains("2 files modified, 1 file removed, 0 files added", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_args_are_named_without_their_values_and_a_new_directory_counts_through_its_files()
    {
        var prior = await ScanAsync(Inputs(new() { ["VERSION"] = "1" }));
        _tree.File("app/docs/new.md", "n");
        var now = await ScanAsync(Inputs(new() { ["VERSION"] = "secret-2", ["MODE"] = "x" }));
        var explanation = InputChanges.Explain(Inputs(new() { ["VERSION"] = "1" }), prior.Digest, now, _tree["cache"])!;
        Assert.Contains("- build_args: changed VERSION; added MODE", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-2", explanation, StringComparison.Ordinal);
        Assert.Contains("+ docs/new.md", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("+ docs\n", explanation + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_changes_list_twenty_then_count_and_a_missing_file_list_says_so()
    {
        var prior = await ScanAsync(Inputs());
        for (var i = 0; i < 25; i++)
        {
            _tree.File($"app/gen/f{i:00}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var now = await ScanAsync(Inputs());
        var explanation = InputChanges.Explain(Inputs(), prior.Digest, now, _tree["cache"])!;
        Assert.Equal(20, explanation.Split('\n').Count(l => l.TrimStart().StartsWith("+ ", StringComparison.Ordinal)));
        Assert.Contains("… and 5 more", explanation, StringComparison.Ordinal);

        Assert.Contains("not known here", InputChanges.Explain(Inputs(), prior.Digest, now, _tree["other-cache"])!, StringComparison.Ordinal);
        Assert.Null(InputChanges.Explain(Inputs(), now.Digest, now, _tree["cache"]));
    }
}
