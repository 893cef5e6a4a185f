using Immutable.Processes;

namespace Immutable.Packaging.Tests;

/// <summary>Runs the same <c>dotnet</c> that runs the tests, capturing everything it prints.</summary>
internal static class DotNetCli
{
    public static Task<string> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgramAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    /// <summary>Runs any program the same way (e.g. terraform), with extra environment variables; throws unless it exits with 0.</summary>
    public static async Task<string> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // A build node left running would hold the scratch folders open after the test.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var result = await ProcessRunner.RunAsync(program, arguments, new ProcessOptions { WorkingDirectory = workingDirectory, Environment = variables, Timeout = timeout });
        return result.Succeeded
            ? result.Stdout + result.Stderr
            : throw new InvalidOperationException($"{ProcessRunner.CommandLine(program, arguments)} exited with {result.ExitCode}:\n{result}");
    }
}
