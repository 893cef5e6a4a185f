using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace Immutable.Packaging.Tests;

/// <summary>
/// Immutable.Cty and Immutable.Sdk packed from this checkout into a scratch folder, with a build of their own
/// (--artifacts-path), so the repository's bin/ and obj/ are never touched. Every run gets a fresh pre-release
/// version, so NuGet's global packages folder can never serve a copy from an earlier run.
/// </summary>
public sealed class PackedSdk : IAsyncLifetime
{
    // A guard against hangs, not a speed check: under load (a 2-core machine with several builds) a pack took over 5 minutes.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(15);

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "immutable-packaging-" + Guid.NewGuid().ToString("N"));

    public string PackageFolder => Path.Combine(Scratch, "packages");

    public string Package(string id, string extension = "nupkg") => Path.Combine(PackageFolder, $"{id}.{Version}.{extension}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PackageFolder);
        // One node (-m:1): the analyzer projects are reached through two references and must not build twice at once.
        string[] common = ["-c", "Release", "-m:1", "--nologo", "--artifacts-path", Path.Combine(Scratch, "build"), "-o", PackageFolder, "-p:Version=" + Version];
        await DotNetCli.RunAsync(RepositoryRoot, CommandTimeout, ["pack", Path.Combine("sdk", "Immutable.Sdk", "Immutable.Sdk.csproj"), .. common]);
        await DotNetCli.RunAsync(RepositoryRoot, CommandTimeout, ["pack", Path.Combine("sdk", "Immutable.Cty", "Immutable.Cty.csproj"), "--no-build", .. common]);
        // The test kit, for the getting-started guide's test project.
        await DotNetCli.RunAsync(RepositoryRoot, CommandTimeout, ["pack", Path.Combine("sdk", "Immutable.Sdk.Testing", "Immutable.Sdk.Testing.csproj"), .. common]);
    }

    public Task DisposeAsync()
    {
        TryDelete(Scratch);
        // What restoring the scratch consumer extracted into the global packages folder.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "immutable.sdk", "immutable.cty", "immutable.sdk.testing" })
        {
            TryDelete(Path.Combine(globalPackages, id, Version));
        }

        return Task.CompletedTask;
    }

    /// <summary>The repository's nuget.config with the scratch package folder as the first source.</summary>
    public string WriteNuGetConfig(string directory)
    {
        var config = XDocument.Load(Path.Combine(RepositoryRoot, "nuget.config"));
        var sources = config.Root?.Element("packageSources") ?? throw new InvalidDataException("nuget.config has no <packageSources>.");
        var local = new XElement("add", new XAttribute("key", "immutable-under-test"), new XAttribute("value", PackageFolder));
        if (sources.Element("clear") is { } clear)
        {
            clear.AddAfterSelf(local);
        }
        else
        {
            sources.AddFirst(local);
        }

        var path = Path.Combine(directory, "nuget.config");
        config.Save(path);
        return path;
    }

    public static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    public static byte[] Read(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = (zip.GetEntry(entry) ?? throw new FileNotFoundException($"{entry} is not in {package}")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public XDocument Nuspec(string id) => XDocument.Load(new MemoryStream(Read(Package(id), id + ".nuspec")));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Immutable.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Immutable.sln above " + AppContext.BaseDirectory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A scratch folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
