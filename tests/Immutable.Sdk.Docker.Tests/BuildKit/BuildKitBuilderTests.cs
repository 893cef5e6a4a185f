using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Tests.BuildContext;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.Tests.BuildKit;

/// <summary>BuildKit builds against the real engine: progress, failures and cache mounts.</summary>
public sealed class BuildKitBuilderTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _tag = "immutable-bk-test/builder:" + Guid.NewGuid().ToString("N")[..12];
    private readonly BuildKitBuilder _builder = new(TestEngine.Endpoint);

    public BuildKitBuilderTests() => CiDocker.Require();

    [Fact]
    public async Task A_build_logs_each_step_once_with_its_outcome_and_its_output_at_debug()
    {
        // A fresh word each run, so the step runs (and prints) instead of coming from the layer cache.
        var word = "hello-" + Guid.NewGuid().ToString("N");
        var context = TestEngine.Context(_tree.Dir("ctx"), $"FROM scratch\nBUSYBOX\nRUN echo {word} > /greeting && cat /greeting\n");
        var log = new CapturingLogger();

        var id = await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), null, log, CancellationToken.None);

        Assert.StartsWith("sha256:", id, StringComparison.Ordinal);
        Assert.Equal(word, TestEngine.RunInImage(_tag, "cat", "/greeting"));
        var info = log.Text(LogLevel.Information);
        var run = Assert.Single(log.Lines, l => l.Level == LogLevel.Information && l.Text.Contains($"[3/3] RUN echo {word}", StringComparison.Ordinal));
        var number = run.Text["build: ".Length..run.Text.IndexOf(' ', "build: ".Length)];
        Assert.Matches(@$"build: {number} DONE \d+\.\ds", info);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Debug && l.Text == $"build: {number} {word}");
        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Information && l.Text.EndsWith(" " + word, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_RUN_names_the_step_its_exit_code_and_its_last_output_and_tags_nothing()
    {
        var context = TestEngine.Context(_tree.Dir("ctx"), "FROM scratch\nBUSYBOX\nRUN echo compiling && echo 'error: no such widget' >&2 && exit 3\nRUN echo never\n");

        var failure = await Assert.ThrowsAsync<DockerEngineException>(async () =>
            await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), null, new CapturingLogger(), CancellationToken.None));

        Assert.Equal(DockerFailure.BuildFailed, failure.Failure);
        Assert.Contains("[3/4] RUN echo compiling", failure.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("compiling", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("error: no such widget", failure.Detail, StringComparison.Ordinal);
        Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", _tag).Code);
    }

    [Fact]
    public async Task A_Dockerfile_syntax_error_is_a_build_failure_that_says_so()
    {
        var context = TestEngine.Context(_tree.Dir("ctx"), "FROM scratch\nBUSYBOX\nRUNN echo typo\n");

        var failure = await Assert.ThrowsAsync<DockerEngineException>(async () =>
            await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), null, new CapturingLogger(), CancellationToken.None));

        Assert.Equal(DockerFailure.BuildFailed, failure.Failure);
        Assert.Contains("unknown instruction", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", _tag).Code);
    }

    [Fact]
    public async Task A_cache_mount_keeps_its_contents_for_the_next_build()
    {
        // A cache id of its own, so builds of other tests on the shared engine do not touch it; the
        // build argument makes the second build run the step again instead of reusing the layer.
        var cache = "immutable-test-" + Guid.NewGuid().ToString("N");
        var dockerfile = $"FROM scratch\nBUSYBOX\nARG ROUND\nRUN --mount=type=cache,id={cache},target=/cache echo $ROUND >> /cache/runs && wc -l < /cache/runs > /runs\n";
        var context = TestEngine.Context(_tree.Dir("ctx"), dockerfile);

        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with { BuildArgs = new Dictionary<string, string> { ["ROUND"] = "1" } }, null, new CapturingLogger(), CancellationToken.None);
        Assert.Equal("1", TestEngine.RunInImage(_tag, "cat", "/runs"));

        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with { BuildArgs = new Dictionary<string, string> { ["ROUND"] = "2" } }, null, new CapturingLogger(), CancellationToken.None);
        Assert.Equal("2", TestEngine.RunInImage(_tag, "cat", "/runs"));
    }

    [Fact]
    public async Task No_cache_runs_every_step_again()
    {
        var context = TestEngine.Context(_tree.Dir("ctx"), $"FROM scratch\nBUSYBOX\nRUN echo {Guid.NewGuid():N} > /once\n");
        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), null, new CapturingLogger(), CancellationToken.None);

        var cached = new CapturingLogger();
        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), null, cached, CancellationToken.None);
        var uncached = new CapturingLogger();
        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with { NoCache = true }, null, uncached, CancellationToken.None);

        Assert.Equal("CACHED", Outcome(cached, "[3/3] RUN echo"));
        Assert.StartsWith("DONE", Outcome(uncached, "[3/3] RUN echo"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        TestEngine.RemoveImages(_tag);
        _builder.Dispose();
        _tree.Dispose();
    }

    /// <summary>What the log says became of the step whose name starts with <paramref name="name"/>.</summary>
    private static string Outcome(CapturingLogger log, string name)
    {
        var announced = Assert.Single(log.Lines, l => l.Text.Contains(name, StringComparison.Ordinal));
        var number = announced.Text.Split(' ')[1];
        return Assert.Single(log.Lines, l => l.Level == LogLevel.Information && System.Text.RegularExpressions.Regex.IsMatch(l.Text, $"^build: {number} (CACHED|DONE|ERROR)")).Text[$"build: {number} ".Length..];
    }

    private BuildRequest Request() => new() { Dockerfile = "Dockerfile", Tags = [_tag] };
}
