using Immutable.Processes;

namespace Immutable.Release.Tests;

/// <summary>
/// The one process runner of tests, tools and benchmarks (tools/Immutable.Processes), tested here beside
/// the release tool, its first user. Real processes (sh, cat) throughout.
/// </summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public void Returns_the_exit_code_and_both_streams()
    {
        var result = ProcessRunner.Run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal("out\nerr", result.Output);
    }

    [Fact]
    public void Passes_stdin_environment_and_working_directory()
    {
        var directory = Directory.CreateTempSubdirectory("runner-").FullName;
        try
        {
            Environment.SetEnvironmentVariable("IMMUTABLE_RUNNER_REMOVED", "inherited");
            var result = ProcessRunner.Run("/bin/sh", ["-c", "cat; echo \":$IMMUTABLE_RUNNER_SET:${IMMUTABLE_RUNNER_REMOVED-unset}:\"; pwd"], new ProcessOptions
            {
                Stdin = "from stdin\n",
                Environment = new Dictionary<string, string?> { ["IMMUTABLE_RUNNER_SET"] = "set", ["IMMUTABLE_RUNNER_REMOVED"] = null },
                WorkingDirectory = directory,
            });

            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal($"from stdin\n:set:unset:\n{directory}\n", result.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IMMUTABLE_RUNNER_REMOVED", null);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_program_without_stdin_text_sees_its_input_closed_rather_than_waiting()
    {
        var result = ProcessRunner.Run("cat", []);

        Assert.True(result.Succeeded);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void A_program_past_its_timeout_is_killed_with_its_children_and_keeps_what_it_printed()
    {
        var pidFile = Path.GetTempFileName();
        try
        {
            var timedOut = Assert.Throws<ProcessTimeoutException>(() => ProcessRunner.Run(
                "/bin/sh", ["-c", $"sleep 600 & echo $! > {pidFile}; echo started; wait"], new ProcessOptions { Timeout = TimeSpan.FromSeconds(1) }));

            Assert.Contains("started", timedOut.Partial.Stdout, StringComparison.Ordinal);
            Assert.Contains("sleep 600", timedOut.Command, StringComparison.Ordinal);
            var child = File.ReadAllText(pidFile).Trim();
            Assert.True(ChildIsGone(child), $"the child sleep ({child}) outlived the kill");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Cancelling_kills_the_program_and_throws_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var running = ProcessRunner.RunAsync("sleep", ["600"], cancellation: cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public void A_program_that_does_not_exist_cannot_start()
    {
        Assert.Throws<System.ComponentModel.Win32Exception>(() => ProcessRunner.Run("/nonexistent/immutable-no-such-program", []));
    }

    /// <summary>Gone, or a zombie its (dead) parent left for init to reap.</summary>
    private static bool ChildIsGone(string pid)
    {
        var status = $"/proc/{pid}/status";
        for (var attempt = 0; attempt < 100 && File.Exists(status); attempt++)
        {
            try
            {
                if (File.ReadLines(status).Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains('Z', StringComparison.Ordinal)))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return !File.Exists(status);
    }
}
