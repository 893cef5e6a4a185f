using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Docker.Tests.BuildContext;
using Immutable.Sdk.Docker.Tests.BuildKit;

namespace Immutable.Sdk.Docker.Tests.Images;

/// <summary>The image creation time comes from the inputs, never from the clock.</summary>
public sealed class SourceDateTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void A_context_outside_git_is_dated_at_the_Unix_epoch()
    {
        Assert.Equal(DateTimeOffset.UnixEpoch, SourceDate.Of(new BuildInputs { ContextDirectory = _tree.Dir("app") }));
    }

    [Fact]
    public void A_context_in_a_git_work_tree_is_dated_at_its_HEAD_commit()
    {
        var app = _tree.Dir("repo/app");
        _tree.File("repo/app/file.txt", "content");
        var committed = new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.FromHours(2));
        Git(_tree["repo"], committed, "init", "-q");
        Git(_tree["repo"], committed, "add", ".");
        Git(_tree["repo"], committed, "commit", "-q", "-m", "one");

        Assert.Equal(committed, SourceDate.Of(new BuildInputs { ContextDirectory = app }));
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_wins_over_the_commit()
    {
        Git(_tree.Dir("repo"), DateTimeOffset.UnixEpoch.AddYears(40), "init", "-q");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), SourceDate.Of(new BuildInputs { ContextDirectory = _tree["repo"], SourceDateEpoch = 1_700_000_000 }));
    }

    public void Dispose() => _tree.Dispose();

    private static void Git(string directory, DateTimeOffset when, params string[] arguments)
    {
        var date = when.ToUnixTimeSeconds() + " " + when.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal);
        var (code, output) = CiDocker.Run(
            new Dictionary<string, string>
            {
                ["GIT_AUTHOR_DATE"] = date,
                ["GIT_COMMITTER_DATE"] = date,
                ["GIT_AUTHOR_NAME"] = "t",
                ["GIT_AUTHOR_EMAIL"] = "t@example.invalid",
                ["GIT_COMMITTER_NAME"] = "t",
                ["GIT_COMMITTER_EMAIL"] = "t@example.invalid",
            },
            "git",
            ["-C", directory, .. arguments]);
        Assert.True(code == 0, output);
    }
}
