using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;

namespace Immutable.Packaging.Tests;

/// <summary>What <c>dotnet add package Immutable.Sdk</c> gives a consumer, checked on a package packed from this checkout.</summary>
[Collection(PackedSdkCollection.Name)]
public sealed class SdkPackageTests(PackedSdk packed)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private const string PublicRepository = "https://github.com/immutable-infra/immutable";

    [Fact]
    public void The_package_carries_the_analyzers_readme_and_license()
    {
        var entries = PackedSdk.Entries(packed.Package("Immutable.Sdk"));
        Assert.Contains("analyzers/dotnet/cs/Immutable.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Immutable.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("lib/net10.0/Immutable.Sdk.dll", entries);
        Assert.Contains("lib/net10.0/Immutable.Sdk.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Immutable.Analyzers", StringComparison.Ordinal));

        var license = Encoding.UTF8.GetString(PackedSdk.Read(packed.Package("Immutable.Sdk"), "LICENSE"));
        Assert.StartsWith("Mozilla Public License Version 2.0", license, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nuspec_names_license_readme_repository_commit_and_dependency()
    {
        var nuspec = packed.Nuspec("Immutable.Sdk");
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(packed.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("MPL-2.0", metadata.Element(ns + "license")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal(PublicRepository, metadata.Element(ns + "projectUrl")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "authors")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("terraform", metadata.Element(ns + "tags")?.Value ?? string.Empty, StringComparison.Ordinal);

        var repository = metadata.Element(ns + "repository") ?? throw new InvalidDataException("no <repository> in the nuspec");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(PublicRepository, repository.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? string.Empty);

        var cty = Assert.Single(metadata.Descendants(ns + "dependency"), d => d.Attribute("id")?.Value == "Immutable.Cty");
        Assert.Equal(packed.Version, cty.Attribute("version")?.Value);
    }

    [Fact]
    public void The_symbol_package_maps_sources_to_the_public_repository_at_the_commit()
    {
        var commit = packed.Nuspec("Immutable.Sdk").Descendants().Single(e => e.Name.LocalName == "repository").Attribute("commit")!.Value;

        var pdb = PackedSdk.Read(packed.Package("Immutable.Sdk", "snupkg"), "lib/net10.0/Immutable.Sdk.pdb");
        using var provider = MetadataReaderProvider.FromPortablePdbImage([.. pdb]);
        var reader = provider.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
            .SingleOrDefault() ?? throw new InvalidDataException("The PDB has no SourceLink document.");
        Assert.Contains($"https://raw.githubusercontent.com/immutable-infra/immutable/{commit}/*", sourceLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_references_the_package_gets_the_analyzer_warnings()
    {
        var consumer = Directory.CreateDirectory(Path.Combine(packed.Scratch, "consumer")).FullName;
        packed.WriteNuGetConfig(consumer);
        File.Copy(Path.Combine(packed.RepositoryRoot, "global.json"), Path.Combine(consumer, "global.json"));
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Immutable.Sdk" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using Immutable;

            var endpoint = new Endpoint { Port = 8080 };
            Console.WriteLine(endpoint.Port);

            [Immutable]
            public sealed class Endpoint
            {
                public int Port { get; set; }
            }
            """);

        var output = await DotNetCli.RunAsync(consumer, TimeSpan.FromMinutes(15), "build", "-c", "Release", "--nologo", "-v", "quiet");

        Assert.Contains("warning IMM0001", output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(9,", output, StringComparison.Ordinal);
    }
}
