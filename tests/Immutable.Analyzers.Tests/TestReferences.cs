using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Immutable.Analyzers.Tests;

/// <summary>
/// Reference assemblies for the test compilations, found on this machine so that tests never download a
/// reference pack: the .NET SDK's Microsoft.NETCore.App.Ref pack matching the running runtime, or, when no SDK
/// pack is installed next to the runtime, the running runtime's own assemblies.
/// </summary>
internal static class TestReferences
{
    /// <summary>A reference set that resolves to nothing; the real references are <see cref="Framework"/>.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> Framework = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string directory = FindReferencePack(runtimeDirectory) ?? runtimeDirectory;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.dll"))
        {
            if (IsManaged(file))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return references.ToImmutable();
    }

    /// <summary>…/dotnet/shared/Microsoft.NETCore.App/10.0.12 → …/dotnet/packs/Microsoft.NETCore.App.Ref/10.0.x/ref/net10.0.</summary>
    private static string? FindReferencePack(string runtimeDirectory)
    {
        DirectoryInfo? dotnetRoot = Directory.GetParent(runtimeDirectory)?.Parent?.Parent;
        string packs = Path.Combine(dotnetRoot?.FullName ?? string.Empty, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }

        string framework = "net" + Environment.Version.Major + ".0";
        return Directory.EnumerateDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith(Environment.Version.Major + ".", StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version())
            .Select(d => Path.Combine(d, "ref", framework))
            .FirstOrDefault(Directory.Exists);
    }

    private static bool IsManaged(string file)
    {
        try
        {
            AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
