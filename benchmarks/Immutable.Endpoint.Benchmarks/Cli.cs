using System.Diagnostics;

namespace Immutable.Endpoint.Benchmarks;

/// <summary>The docker CLI, as an operator would use it.</summary>
internal static class Cli
{
    public static string Docker(params string[] arguments)
    {
        var (code, output) = Try(arguments);
        return code == 0 ? output : throw new InvalidOperationException($"docker {string.Join(' ', arguments)}: {output}");
    }

    public static (int Code, string Output) Try(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
