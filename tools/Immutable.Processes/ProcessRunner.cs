using System.Diagnostics;

namespace Immutable.Processes;

/// <summary>
/// Runs a program to completion: both output streams are read concurrently (so a chatty program never
/// blocks on a full pipe), standard input is closed, and a program that outlives its timeout is killed
/// with its whole process tree. A program that cannot be started throws
/// <see cref="System.ComponentModel.Win32Exception"/>, as <see cref="Process.Start(ProcessStartInfo)"/> does.
/// </summary>
public static class ProcessRunner
{
    /// <summary>How long the streams may stay open after a kill (a daemonised grandchild may hold them).</summary>
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> and waits for it.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, ProcessOptions? options = null) =>
        RunAsync(file, arguments, options).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; cancelling kills it like a timeout does and throws <see cref="OperationCanceledException"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, ProcessOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ProcessOptions();
        var start = StartInfo(file, arguments, options);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await WriteStdinAsync(process, options.Stdin).ConfigureAwait(false);

        var timeout = options.Timeout ?? ProcessOptions.DefaultTimeout;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainAfterKill, CancellationToken.None)).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            throw new ProcessTimeoutException(CommandLine(file, start.ArgumentList), timeout, new ProcessResult(-1, Completed(stdout), Completed(stderr)));
        }

        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>The command as a person would type it, for messages.</summary>
    public static string CommandLine(string file, IEnumerable<string> arguments) =>
        string.Join(' ', [file, .. arguments]);

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, ProcessOptions options)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.WorkingDirectory is { } directory)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static async Task WriteStdinAsync(Process process, string? stdin)
    {
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited (or closed its input) before reading it all; its exit code tells the rest.
        }
    }

    private static string Completed(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : string.Empty;
}
