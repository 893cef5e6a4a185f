using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.AppDirectoryWriteAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

/// <summary>IMM0009 on real-code patterns: methods that drop the directory, constructor-set members, more sinks, wrappers.</summary>
public class AppDirectoryWriteRealCodeTests
{
    [Fact]
    public Task MethodsThatDropTheDirectory_EndTheTaint() => V.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Reflection;

        public class Cache
        {
            public void Write(string text)
            {
                string name = Path.GetFileName(Assembly.GetEntryAssembly()!.Location);
                File.WriteAllText(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), name, "cache.txt"), text);

                string tool = Path.GetFileNameWithoutExtension(Environment.ProcessPath)!;
                Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), tool));

                string version = Assembly.GetEntryAssembly()!.Location.Length.ToString();
                File.WriteAllText(Path.Combine(Path.GetTempPath(), version), text);

                string beside = Path.GetDirectoryName(Environment.ProcessPath)!;
                File.WriteAllText({|IMM0009:Path.Join(beside, "state.json")|}, text);
                File.WriteAllText({|IMM0009:Path.GetFullPath(AppContext.BaseDirectory + "/../state.json")|}, text);
            }
        }
        """);

    [Fact]
    public Task MembersSetInConstructors_AreFollowed() => V.AnalyzerAsync("""
        using System;
        using System.IO;

        public sealed class Storage
        {
            private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "data");
            private readonly string _logs;

            public Storage()
            {
                _logs = Path.Combine(Root, "logs");
                ConfigDirectory = Path.Combine(Root, "config");
                VmDirectory = Path.Combine(AppContext.BaseDirectory, "vms");
            }

            public string ConfigDirectory { get; }

            public string VmDirectory { get; }

            public string Scratch { get; set; } = Path.GetTempPath();

            public void Prepare()
            {
                Directory.CreateDirectory({|IMM0009:ConfigDirectory|});
                Directory.CreateDirectory({|IMM0009:_logs|});
                Directory.CreateDirectory({|IMM0009:VmDirectory|});
                File.WriteAllText({|IMM0009:Path.Combine(Root, "lock")|}, "");
                Directory.CreateDirectory(Scratch);
            }
        }
        """);

    [Fact]
    public Task InfoObjectsStreamOptionsAndZip_AreSinks() => V.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.IO.Compression;

        public class Installer
        {
            public void Install(string archive)
            {
                var log = new FileInfo(Path.Combine(AppContext.BaseDirectory, "install.log"));
                using (var w = {|IMM0009:log|}.AppendText()) { }
                {|IMM0009:new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "plugins"))|}.Create();
                var plugins = new DirectoryInfo(AppContext.BaseDirectory);
                {|IMM0009:plugins|}.CreateSubdirectory("cache");
                new FileInfo(archive).CopyTo({|IMM0009:Path.Combine(AppContext.BaseDirectory, "copy.zip")|});
                log.OpenRead().Dispose();

                using var s = File.Open({|IMM0009:Path.Combine(AppContext.BaseDirectory, "db.bin")|}, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write });
                var read = new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read };
                using var r = File.Open(Path.Combine(AppContext.BaseDirectory, "db.bin"), read);

                ZipFile.ExtractToDirectory(archive, {|IMM0009:AppContext.BaseDirectory|});
                ZipFile.ExtractToDirectory(archive, Path.GetTempPath());
            }
        }
        """);

    [Fact]
    public Task Wrappers_AreSinksForTheirCallers() => V.AnalyzerAsync("""
        using System;
        using System.IO;

        public static class Files
        {
            public static void Save(string directory, string name, string text) => File.WriteAllText(Path.Combine(directory, name), text);
        }

        public class Settings
        {
            public void Persist(string text)
            {
                Files.Save({|#0:AppContext.BaseDirectory|}, "settings.json", text);
                Files.Save(Path.GetTempPath(), "settings.json", text);
                Files.Save("/var/lib/app", {|IMM0009:AppContext.BaseDirectory|}, text); // a rooted second part wins in Path.Combine
            }
        }
        """, V.Diagnostic("IMM0009").WithLocation(0).WithArguments("File.WriteAllText", "AppContext.BaseDirectory", " (through 'Files.Save')"));
}
