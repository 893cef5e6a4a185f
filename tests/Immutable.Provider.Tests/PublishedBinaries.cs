namespace Immutable.Provider.Tests;

/// <summary>
/// Finds the NativeAOT binaries that <c>./build.sh test</c> publishes. Missing binaries fail the
/// test with instructions: these tests exist to exercise exactly what ships.
/// </summary>
internal static class PublishedBinaries
{
    public static string Provider => Find("terraform-provider-immutable");

    public static string Sample => Find("terraform-provider-sample");

    private static string Find(string name)
    {
        var directory = Environment.GetEnvironmentVariable("IMMUTABLE_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts", "bin");
        var path = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The published binary {path} is missing. Run ./build.sh test (it publishes the NativeAOT binaries first), " +
                "or set IMMUTABLE_ARTIFACTS to the folder holding them.");
        }

        return path;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Immutable.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Cannot find the repository root (Immutable.sln) above " + AppContext.BaseDirectory);
    }
}
