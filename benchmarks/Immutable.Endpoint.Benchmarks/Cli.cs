using Immutable.Processes;

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
        var result = ProcessRunner.Run("docker", arguments);
        return (result.ExitCode, result.Output);
    }
}
