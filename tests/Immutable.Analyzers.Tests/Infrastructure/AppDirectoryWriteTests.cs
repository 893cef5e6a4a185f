using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.AppDirectoryWriteAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

public class AppDirectoryWriteTests
{
    [Fact]
    public Task WritesUnderBaseDirectory_AreReported() => V.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Reflection;

        public class Settings
        {
            public void Save(string json)
            {
                File.WriteAllText({|#0:Path.Combine(AppContext.BaseDirectory, "settings.json")|}, json);
                File.AppendAllText({|IMM0009:$"{AppDomain.CurrentDomain.BaseDirectory}/app.log"|}, json);
                Directory.CreateDirectory({|IMM0009:Path.Join(Path.GetDirectoryName(Environment.ProcessPath), "cache")|});
                using var stream = new FileStream({|IMM0009:Path.GetDirectoryName(typeof(Settings).Assembly.Location) + "/state.bin"|}, FileMode.Create);
                using var writer = new StreamWriter({|IMM0009:Path.Combine(Assembly.GetEntryAssembly()!.Location, "..", "out.txt")|});
                File.Copy("/tmp/a", {|IMM0009:Path.Combine(AppContext.BaseDirectory, "a")|});
                File.Delete({|IMM0009:Path.Combine(AppContext.BaseDirectory, "old.json")|});
            }
        }
        """, V.Diagnostic("IMM0009").WithLocation(0).WithArguments("File.WriteAllText", "AppContext.BaseDirectory", ""));

    [Fact]
    public Task ThroughLocals_IsReported() => V.AnalyzerAsync("""
        using System;
        using System.IO;

        public class Cache
        {
            public void Store(byte[] data)
            {
                var root = AppContext.BaseDirectory;
                string dir = Path.Combine(root, "cache");
                string file;
                file = Path.Combine(dir, "data.bin");
                File.WriteAllBytes({|IMM0009:file|}, data);
            }
        }
        """);

    [Fact]
    public Task ContentRoot_IsReported() => V.AnalyzerAsync("""
        using System.IO;
        using Microsoft.Extensions.Hosting;

        public class Uploads
        {
            public void Save(IHostEnvironment env, byte[] data) =>
                File.WriteAllBytes({|IMM0009:Path.Combine(env.ContentRootPath, "uploads", "file.bin")|}, data);
        }
        """, true, new[] { StandIns.Hosting }, null);

    [Fact]
    public Task ReadingTheAppDirectory_AndWritingElsewhere_AreFine() => V.AnalyzerAsync("""
        using System;
        using System.IO;

        public class Config
        {
            public string Load()
            {
                string path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
                string text = File.ReadAllText(path);
                using var read = new FileStream(path, FileMode.Open, FileAccess.Read);
                using var open = File.Open(path, FileMode.Open);
                File.Copy(path, Path.Combine(Path.GetTempPath(), "copy.json"));
                File.WriteAllText(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "x"), text);
                File.WriteAllText("/var/lib/app/state.json", text);
                return text;
            }
        }
        """);
}

public class AppDirectoryWriteMoreTests
{
    [Fact]
    public Task MoveAndAppendModes_AreReported() => Verify<Immutable.Analyzers.Infrastructure.AppDirectoryWriteAnalyzer>.AnalyzerAsync("""
        using System;
        using System.IO;

        public class Rotator
        {
            private const string Name = "app.log";

            public void Rotate()
            {
                string dir = AppContext.BaseDirectory;
                File.Move({|IMM0009:Path.Combine(dir, Name)|}, "/var/log/app.log.1");
                using FileStream append = File.Open({|IMM0009:dir + Name|}, FileMode.Append);
                string? maybe = null;
                File.WriteAllText({|IMM0009:maybe ?? Path.Combine(dir, "fallback.txt")|}, "x");
                File.WriteAllText({|IMM0009:string.Concat(dir, "/", Name)|}, "x");
            }
        }
        """);
}
