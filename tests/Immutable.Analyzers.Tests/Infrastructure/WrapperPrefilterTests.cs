using Images = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.MutableImageReferenceAnalyzer>;
using Installs = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.RuntimePackageInstallAnalyzer>;
using Writes = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.AppDirectoryWriteAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

/// <summary>
/// A wrapper is bound only when its text names one of the rule's sink types or methods (or a using alias): the forms
/// that name a sink without its type's name must still be followed.
/// </summary>
public class WrapperPrefilterTests
{
    [Fact]
    public Task SinkTypeThroughAnAlias_IsFollowed() => Installs.AnalyzerAsync("""
        using System.Diagnostics;
        using Info = System.Diagnostics.ProcessStartInfo;

        public static class Tools
        {
            public static Info Make(string file, string arguments) => new Info(file, arguments) { UseShellExecute = false };
        }

        public class Setup
        {
            public void Prepare() => Process.Start({|#0:Tools.Make("apt-get", "install -y curl")|});
        }
        """, Installs.Diagnostic("IMM0007").WithLocation(0).WithArguments("apt-get install", " (through 'Tools.Make')"));

    [Fact]
    public Task SinkTypeThroughAGlobalAliasInAnotherFile_IsFollowed() => Installs.AnalyzerAsync(new[]
    {
        ("/Aliases.cs", "global using Info = System.Diagnostics.ProcessStartInfo;\n"),
        ("/Setup.cs", """
            public static class Tools
            {
                public static Info Make(string file, string arguments) => new Info(file, arguments);
            }

            public class Setup
            {
                public object Prepare() => {|#0:Tools.Make("pip", "install requests")|};
            }
            """),
    }, Installs.Diagnostic("IMM0007").WithLocation(0).WithArguments("pip install", " (through 'Tools.Make')"));

    [Fact]
    public Task SinkMethodThroughUsingStatic_IsFollowed() => Writes.AnalyzerAsync("""
        using System;
        using System.IO;
        using static System.IO.File;

        public static class Store
        {
            public static void Save(string path, string text) => WriteAllText(path, text);
        }

        public class Settings
        {
            public void Persist() => Store.Save({|#0:Path.Combine(AppContext.BaseDirectory, "settings.json")|}, "{}");
        }
        """, Writes.Diagnostic("IMM0009").WithLocation(0).WithArguments("File.WriteAllText", "AppContext.BaseDirectory", " (through 'Store.Save')"));

    [Fact]
    public Task SinkTypeThroughAnAlias_AndAFullyQualifiedSink_AreFollowed() => Writes.AnalyzerAsync("""
        using System;
        using System.IO;
        using Writer = System.IO.StreamWriter;

        public static class Log
        {
            public static Writer Begin(string target) => new Writer(target);

            public static void Drop(string target) => System.IO.File.Delete(target);
        }

        public class App
        {
            public void Run()
            {
                using Writer log = Log.Begin({|#0:Path.Combine(AppContext.BaseDirectory, "app.log")|});
                Log.Drop({|#1:Path.Combine(AppContext.BaseDirectory, "old.log")|});
                Log.Drop(Path.Combine(Path.GetTempPath(), "old.log"));
            }
        }
        """,
        Writes.Diagnostic("IMM0009").WithLocation(0).WithArguments("new StreamWriter", "AppContext.BaseDirectory", " (through 'Log.Begin')"),
        Writes.Diagnostic("IMM0009").WithLocation(1).WithArguments("File.Delete", "AppContext.BaseDirectory", " (through 'Log.Drop')"));

    [Fact]
    public Task BuilderConstructor_AndExtensionCalledAsStaticMethod_AreFollowed() => Images.AnalyzerAsync("""
        using Aspire.Hosting;
        using DotNet.Testcontainers.Builders;

        public static class Containers
        {
            public static object Create(string image) => new ContainerBuilder(image);

            public static void Add(IDistributedApplicationBuilder builder, string image) =>
                ContainerResourceBuilderExtensions.AddContainer(builder, "cache", image);
        }

        public class Tests
        {
            public void Run(IDistributedApplicationBuilder builder)
            {
                {|#0:Containers.Create("mongo")|};
                Containers.Create("mongo:7.0.14");
                {|#1:Containers.Add(builder, "redis:latest")|};
            }
        }
        """, true, new[] { StandIns.Testcontainers, StandIns.Aspire }, null,
        Images.Diagnostic("IMM0008").WithLocation(0).WithArguments("mongo", "has no tag, so it means 'latest'", " (through 'Containers.Create')"),
        Images.Diagnostic("IMM0008").WithLocation(1).WithArguments("redis:latest", "uses the 'latest' tag, which moves", " (through 'Containers.Add')"));
}
