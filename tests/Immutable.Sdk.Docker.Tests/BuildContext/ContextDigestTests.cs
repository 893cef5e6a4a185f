using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

public sealed class ContextDigestTests : IDisposable
{
    private readonly TempTree _tree = new();

    public ContextDigestTests()
    {
        _tree.File("Dockerfile", "FROM scratch\nCOPY . /\n");
        _tree.File(".dockerignore", "*.log\n");
        _tree.File("src/main.c", "int main;\n");
        _tree.File("run.sh", "#!/bin/sh\n");
        _tree.File("debug.log", "noise\n");
    }

    public void Dispose() => _tree.Dispose();

    private BuildInputs Inputs => new()
    {
        ContextDirectory = _tree.Root,
        BuildArgs = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" },
        Labels = new Dictionary<string, string> { ["team"] = "core" },
        Target = "final",
        Platform = "linux/amd64",
    };

    private string Digest(BuildInputs? inputs = null) => ContextScanner.Scan(inputs ?? Inputs).Digest;

    [Fact]
    public void DigestIsStableAndWellFormed()
    {
        var digest = Digest();
        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        Assert.Equal(digest, Digest());
    }

    [Fact]
    public void SameContentElsewhereGivesTheSameDigest()
    {
        using var copy = new TempTree();
        foreach (var file in Directory.EnumerateFiles(_tree.Root, "*", SearchOption.AllDirectories))
        {
            copy.File(Path.GetRelativePath(_tree.Root, file), File.ReadAllText(file));
        }

        File.SetLastWriteTimeUtc(copy["src/main.c"], new DateTime(1999, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(Digest(), Digest(Inputs with { ContextDirectory = copy.Root }));
    }

    public static TheoryData<string> Changes =>
    [
        "content", "rename", "new file", "new empty dir", "exec bit", "symlink", "symlink target", "delete",
        "build arg", "build arg value", "target", "platform", "label", "epoch", "dockerfile path", "dockerignore content",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void AnyRelevantChangeChangesTheDigest(string change)
    {
        var before = Digest();
        var inputs = Inputs;
        switch (change)
        {
            case "content":
                File.WriteAllText(_tree["src/main.c"], "int mainx;\n");
                break;
            case "rename":
                File.Move(_tree["src/main.c"], _tree["src/main2.c"]);
                break;
            case "new file":
                _tree.File("src/extra.c", "");
                break;
            case "new empty dir":
                _tree.Dir("src/empty");
                break;
            case "exec bit":
                if (OperatingSystem.IsWindows())
                {
                    return;
                }

                File.SetUnixFileMode(_tree["src/main.c"], File.GetUnixFileMode(_tree["src/main.c"]) | UnixFileMode.UserExecute);
                break;
            case "symlink":
                _tree.Link("src/link", "main.c");
                break;
            case "symlink target":
                _tree.Link("src/link", "main.c");
                before = Digest();
                File.Delete(_tree["src/link"]);
                _tree.Link("src/link", "./main.c");
                break;
            case "delete":
                File.Delete(_tree["run.sh"]);
                break;
            case "build arg":
                inputs = inputs with { BuildArgs = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2", ["C"] = "" } };
                break;
            case "build arg value":
                inputs = inputs with { BuildArgs = new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" } };
                break;
            case "target":
                inputs = inputs with { Target = "debug" };
                break;
            case "platform":
                inputs = inputs with { Platform = "linux/arm64" };
                break;
            case "label":
                inputs = inputs with { Labels = new Dictionary<string, string> { ["team"] = "edge" } };
                break;
            case "epoch":
                inputs = inputs with { SourceDateEpoch = 1 };
                break;
            case "dockerfile path":
                _tree.File("Other.Dockerfile", "FROM scratch\nCOPY . /\n");
                before = Digest();
                inputs = inputs with { Dockerfile = "Other.Dockerfile" };
                break;
            case "dockerignore content":
                // Not self-ignored, so it is an ordinary file that COPY . would include.
                File.AppendAllText(_tree[".dockerignore"], "# a comment\n");
                break;
        }

        Assert.NotEqual(before, Digest(inputs));
    }

    [Fact]
    public void IgnoredFilesChangeNothing()
    {
        var before = Digest();
        File.WriteAllText(_tree["debug.log"], "other noise, other size\n");
        _tree.File("more.log", "new ignored file");
        _tree.File("deep/dir/x.log", "ignored, and its directory is created but empty of kept files");
        Directory.Delete(_tree["deep"], recursive: true);
        Assert.Equal(before, Digest());
    }

    [Fact]
    public void BuildArgumentOrderDoesNotMatter()
    {
        var reversed = Inputs with { BuildArgs = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" } };
        Assert.Equal(Digest(), Digest(reversed));
    }

    [Fact]
    public void SelfIgnoredDockerignoreCommentsChangeNothingButTheDockerfileAlwaysCounts()
    {
        File.WriteAllText(_tree[".dockerignore"], "*.log\n.dockerignore\nDockerfile\n");
        var before = Digest();
        File.AppendAllText(_tree[".dockerignore"], "# just a comment\n");
        Assert.Equal(before, Digest());

        File.AppendAllText(_tree["Dockerfile"], "RUN true\n");
        Assert.NotEqual(before, Digest());
    }

    [Fact]
    public void DigestIsTheSha256OfTheDescription()
    {
        // Enough entries to hash the text in several slices, with names whose UTF-16 surrogates may straddle one.
        for (var i = 0; i < 600; i++)
        {
            _tree.File($"many/\U0001F600-{i:D4}-{new string('x', i % 37)}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var snapshot = ContextScanner.Scan(Inputs);
        var text = snapshot.Describe();
        Assert.True(text.Length > 40_000);
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, snapshot.Digest);
    }

    [Fact]
    public void DescriptionNamesNoAbsolutePathOrTime()
    {
        var text = ContextScanner.Scan(Inputs).Describe();
        Assert.StartsWith(ContextDigest.Header + "\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_tree.Root, text, StringComparison.Ordinal);
        Assert.Contains("entry \"run.sh\" 644 file sha256:", text, StringComparison.Ordinal);
        Assert.Contains("entry \"src\" 755 dir", text, StringComparison.Ordinal);
        Assert.Contains("build-arg \"A\" \"1\"\nbuild-arg \"B\" \"2\"\n", text, StringComparison.Ordinal);
    }
}
