using Immutable.Processes;

namespace Immutable.Release.Tests;

/// <summary>Runs the real tool (immutable-release.dll, built beside the tests) and gpg as child processes.</summary>
internal static class Processes
{
    /// <summary>Runs immutable-release with a clean signing/mirror environment plus <paramref name="environment"/>.</summary>
    public static ProcessResult Tool(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "immutable-release.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var env = new Dictionary<string, string?>
        {
            ["IMMUTABLE_GPG_KEY"] = null,
            ["IMMUTABLE_GPG_PASSPHRASE"] = null,
            ["IMMUTABLE_MIRROR"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        return Run(dotnet, ["exec", tool, .. args], env);
    }

    public static ProcessResult Run(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.Run(file, args, new ProcessOptions { Environment = environment ?? new Dictionary<string, string?>(), Timeout = TimeSpan.FromMinutes(2) });

    /// <summary>terraform-registry-manifest.json at the repository root.</summary>
    public static string RegistryManifest()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Immutable.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new DirectoryNotFoundException("no Immutable.sln above " + AppContext.BaseDirectory),
            "terraform-registry-manifest.json");
    }
}
