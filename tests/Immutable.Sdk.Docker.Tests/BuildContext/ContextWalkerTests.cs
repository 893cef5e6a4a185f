using System.Net.Sockets;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

public sealed class ContextWalkerTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private ContextSnapshot Scan(string? dockerfile = null) =>
        ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root, Dockerfile = dockerfile });

    private string[] Paths(string? dockerfile = null) => [.. Scan(dockerfile).Entries.Select(e => e.Kind == ContextEntryKind.Directory ? e.Path + "/" : e.Path)];

    [Fact]
    public void IgnoredFilesAreLeftOutAndEmptyDirectoriesKept()
    {
        _tree.File("Dockerfile", "FROM scratch");
        _tree.File(".dockerignore", "*.log\nbuild\n");
        _tree.File("app/main.c");
        _tree.File("app/debug.log");
        _tree.File("debug.log");
        _tree.File("build/out.o");
        _tree.Dir("empty/nested");
        Assert.Equal([".dockerignore", "Dockerfile", "app/", "app/debug.log", "app/main.c", "empty/", "empty/nested/"], Paths());
    }

    [Fact]
    public void EntriesAreInByteOrderWithParentsFirst()
    {
        _tree.File("Dockerfile");
        _tree.File("a.txt");
        _tree.File("a/b");
        _tree.File("B");
        // Sorted on the path without the directory slash: "a" < "a.txt" < "a/b".
        Assert.Equal(["B", "Dockerfile", "a", "a.txt", "a/b"], Scan().Entries.Select(e => e.Path));
    }

    [Fact]
    public void ExceptionReincludesUnderAnExcludedDirectory()
    {
        _tree.File("Dockerfile");
        _tree.File(".dockerignore", "node_modules\n!node_modules/keep/\n");
        _tree.File("node_modules/a/index.js");
        _tree.File("node_modules/keep/index.js");
        // The excluded parent is sent as a directory because something below it is kept (fsutil).
        Assert.Equal([".dockerignore", "Dockerfile", "node_modules/", "node_modules/keep/", "node_modules/keep/index.js"], Paths());
    }

    [Fact]
    public void WildcardExceptionReachesIntoExcludedDirectories()
    {
        // BuildKit descends into excluded directories once an exception has a wildcard.
        _tree.File("Dockerfile");
        _tree.File(".dockerignore", "vendor\n!**/LICENSE\n");
        _tree.File("vendor/lib/LICENSE");
        _tree.File("vendor/lib/code.go");
        Assert.Equal([".dockerignore", "Dockerfile", "vendor/", "vendor/lib/", "vendor/lib/LICENSE"], Paths());
    }

    [Fact]
    public void DockerfileAndDockerignoreAreSentEvenWhenIgnored()
    {
        _tree.File("Dockerfile", "FROM scratch");
        _tree.File(".dockerignore", "**/Dockerfile*\n**/.dockerignore\n");
        _tree.File("src/x");
        var snapshot = Scan();
        Assert.Equal([".dockerignore", "Dockerfile", "src", "src/x"], snapshot.Entries.Select(e => e.Path));
        Assert.True(snapshot.Entries.Single(e => e.Path == "Dockerfile").BuilderOnly);
        Assert.True(snapshot.Entries.Single(e => e.Path == ".dockerignore").BuilderOnly);
        Assert.False(snapshot.Entries.Single(e => e.Path == "src/x").BuilderOnly);
    }

    [Fact]
    public void IgnoredDockerfileInIgnoredDirectoryIsStillSent()
    {
        _tree.File("docker/app.Dockerfile", "FROM scratch");
        _tree.File("docker/other");
        _tree.File(".dockerignore", "docker\n");
        Assert.Equal([".dockerignore", "docker/", "docker/app.Dockerfile"], Paths("docker/app.Dockerfile"));
    }

    [Fact]
    public void DockerfileSpecificIgnoreFileWins()
    {
        _tree.File("build/api.Dockerfile", "FROM scratch");
        _tree.File("build/api.Dockerfile.dockerignore", "secret\n");
        _tree.File(".dockerignore", "public\n");
        _tree.File("secret");
        _tree.File("public");
        var snapshot = Scan("build/api.Dockerfile");
        Assert.Equal("build/api.Dockerfile.dockerignore", snapshot.IgnoreFile);
        // The root .dockerignore is an ordinary file then, and "public" is not ignored.
        Assert.Equal([".dockerignore", "build", "build/api.Dockerfile", "build/api.Dockerfile.dockerignore", "public"], snapshot.Entries.Select(e => e.Path));
    }

    [Fact]
    public void RootIgnoreFileAppliesWithoutASpecificOne()
    {
        _tree.File("build/api.Dockerfile", "FROM scratch");
        _tree.File(".dockerignore", "public\n");
        _tree.File("public");
        var snapshot = Scan("build/api.Dockerfile");
        Assert.Equal(".dockerignore", snapshot.IgnoreFile);
        Assert.DoesNotContain(snapshot.Entries, e => e.Path == "public");
    }

    [Fact]
    public void SymlinksInsideTheContextAreSentAsLinks()
    {
        _tree.File("Dockerfile");
        _tree.File("data/real.txt");
        _tree.Link("data/link.txt", "real.txt");
        _tree.Link("up", "data/../data/real.txt");
        var snapshot = Scan();
        var link = snapshot.Entries.Single(e => e.Path == "data/link.txt");
        Assert.Equal(ContextEntryKind.Symlink, link.Kind);
        Assert.Equal("real.txt", link.LinkTarget);
        Assert.Equal(0b111_111_111, link.Mode);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("sub/../../outside")]
    [InlineData("/etc/passwd")]
    public void SymlinkEscapingTheContextIsAnError(string target)
    {
        _tree.File("Dockerfile");
        _tree.Link("dir/bad", target.StartsWith('/') ? target : "../" + target);
        var error = Assert.Throws<BuildContextException>(() => Scan());
        Assert.Equal(BuildContextErrorReason.SymlinkEscapesContext, error.Reason);
        Assert.Equal("dir/bad", error.Path);
        Assert.Contains("dir/bad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstBadPathInOrderIsReported()
    {
        _tree.File("Dockerfile");
        _tree.Link("z/bad", "/z");
        _tree.Link("b/bad", "/b");
        _tree.Link("m/bad", "/m");
        Assert.Equal("b/bad", Assert.Throws<BuildContextException>(() => Scan()).Path);
    }

    [Fact]
    public void IgnoredEscapingSymlinkIsFine()
    {
        _tree.File("Dockerfile");
        _tree.File(".dockerignore", "bad\n");
        _tree.Link("bad", "/etc/passwd");
        Assert.DoesNotContain("bad", Paths());
    }

    [Fact]
    public void MissingContextIsReported()
    {
        var error = Assert.Throws<BuildContextException>(() => ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree["nope"] }));
        Assert.Equal(BuildContextErrorReason.ContextNotFound, error.Reason);
        Assert.Equal(BuildInputField.Context, error.Field);
    }

    [Fact]
    public void ContextThatIsAFileIsReported()
    {
        var file = _tree.File("file");
        Assert.Equal(BuildContextErrorReason.ContextNotADirectory, Assert.Throws<BuildContextException>(() => ContextScanner.Scan(new BuildInputs { ContextDirectory = file })).Reason);
    }

    [Fact]
    public void MissingDockerfileIsReportedOnTheDockerfileField()
    {
        _tree.File("main.c");
        var error = Assert.Throws<BuildContextException>(() => Scan());
        Assert.Equal(BuildContextErrorReason.DockerfileNotFound, error.Reason);
        Assert.Equal(BuildInputField.Dockerfile, error.Field);
        Assert.Equal("Dockerfile", error.Path);
        Assert.Equal(BuildContextErrorReason.DockerfileNotFound, Assert.Throws<BuildContextException>(() => Scan("sub/Other.Dockerfile")).Reason);
    }

    [Theory]
    [InlineData("../Dockerfile")]
    [InlineData("a/../../Dockerfile")]
    public void DockerfileAboveTheContextIsAnError(string dockerfile)
    {
        _tree.File("Dockerfile");
        var error = Assert.Throws<BuildContextException>(() => Scan(dockerfile));
        Assert.Equal(BuildContextErrorReason.DockerfileOutsideContext, error.Reason);
        Assert.Equal(BuildInputField.Dockerfile, error.Field);
    }

    [Fact]
    public void DockerfileSymlinkLeadingOutsideIsAnError()
    {
        using var outside = new TempTree();
        var target = outside.File("Dockerfile");
        _tree.Link("Dockerfile", target);
        Assert.Equal(BuildContextErrorReason.DockerfileOutsideContext, Assert.Throws<BuildContextException>(() => Scan()).Reason);
    }

    [Fact]
    public void DockerfileSymlinkInsideIsResolvedLikeDockerCli()
    {
        _tree.File("docker/real.Dockerfile", "FROM scratch");
        _tree.Link("Dockerfile", "docker/real.Dockerfile");
        Assert.Equal("docker/real.Dockerfile", Scan().Dockerfile);
    }

    [Fact]
    public void DirectoryAsDockerfileIsAnError()
    {
        _tree.Dir("Dockerfile");
        Assert.Equal(BuildContextErrorReason.DockerfileNotAFile, Assert.Throws<BuildContextException>(() => Scan()).Reason);
    }

    [Fact]
    public void LowercaseDockerfileIsTheDefaultFallback()
    {
        _tree.File("dockerfile", "FROM scratch");
        Assert.Equal("dockerfile", Scan().Dockerfile);
    }

    [Fact]
    public void AbsoluteDockerfileInsideTheContextIsAccepted()
    {
        _tree.File("sub/Dockerfile");
        Assert.Equal("sub/Dockerfile", Scan(_tree["sub/Dockerfile"]).Dockerfile);
    }

    [Fact]
    public void SocketsAreRejectedWithTheirPath()
    {
        if (!Socket.OSSupportsUnixDomainSockets)
        {
            return;
        }

        _tree.File("Dockerfile");
        _tree.Dir("run");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_tree["run/agent.sock"]));
        var error = Assert.Throws<BuildContextException>(() => Scan());
        Assert.Equal(BuildContextErrorReason.UnsupportedFileType, error.Reason);
        Assert.Equal("run/agent.sock", error.Path);
    }

    [Fact]
    public void UnreadableFilesAreErrorsNotSkipped()
    {
        // Root reads everything, so the permission check only means something for other users.
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return;
        }

        _tree.File("Dockerfile");
        var secret = _tree.File("secret");
        File.SetUnixFileMode(secret, UnixFileMode.None);
        var error = Assert.Throws<BuildContextException>(() => Scan());
        Assert.Equal(BuildContextErrorReason.UnreadableEntry, error.Reason);
        Assert.Equal("secret", error.Path);
    }

    [Fact]
    public void ReadFailuresBecomeUnreadableEntryErrors()
    {
        // Opening a directory for reading fails the way an unreadable file does, even for root.
        var directory = _tree.Dir("not-a-file");
        var job = new ContentHasher.Job(directory, "not-a-file", FileStatus.Lstat(directory));
        var error = Assert.Throws<BuildContextException>(() => ContentHasher.Hash(job, TimeProvider.System));
        Assert.Equal(BuildContextErrorReason.UnreadableEntry, error.Reason);
        Assert.Equal("not-a-file", error.Path);
    }

    [Fact]
    public void InvalidDockerignoreIsReportedOnTheContext()
    {
        _tree.File("Dockerfile");
        _tree.File(".dockerignore", "ok\n[unclosed\n");
        var error = Assert.Throws<BuildContextException>(() => Scan());
        Assert.Equal(BuildContextErrorReason.InvalidDockerignore, error.Reason);
        Assert.Equal(".dockerignore", error.Path);
    }
}
