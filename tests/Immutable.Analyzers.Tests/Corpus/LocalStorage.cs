// Local storage helpers of desktop/service apps (patterns: caches, logs, VM images, plugin folders).
using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace Corpus.Storage
{
    public sealed class AppStorage
    {
        private static readonly string AppName = Path.GetFileNameWithoutExtension(Environment.ProcessPath) ?? "app";
        private readonly string _root;

        public AppStorage()
        {
            _root = Path.Combine(AppContext.BaseDirectory, "data");
            ConfigDirectory = Path.Combine(_root, "config");
            LogDirectory = Path.Combine(_root, "logs");
            VmDirectory = Path.Combine(AppContext.BaseDirectory, "vms");
            CacheDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), AppName, "cache");
        }

        public string ConfigDirectory { get; }
        public string LogDirectory { get; }
        public string VmDirectory { get; }
        public string CacheDirectory { get; }

        public void Initialize()
        {
            Directory.CreateDirectory(ConfigDirectory); // expect: IMM0009
            Directory.CreateDirectory(LogDirectory); // expect: IMM0009
            Directory.CreateDirectory(VmDirectory); // expect: IMM0009
            Directory.CreateDirectory(CacheDirectory);
            Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), AppName));
        }

        public void SaveSettings(string json) => File.WriteAllText(Path.Combine(ConfigDirectory, "settings.json"), json); // expect: IMM0009

        public string LoadDefaults() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "defaults.json"));

        public void InstallPlugin(string archive)
        {
            ZipFile.ExtractToDirectory(archive, Path.Combine(AppContext.BaseDirectory, "plugins")); // expect: IMM0009
            ZipFile.ExtractToDirectory(archive, CacheDirectory);
        }

        public void Log(string line)
        {
            var file = new FileInfo(Path.Combine(AppContext.BaseDirectory, "app.log"));
            using StreamWriter writer = file.AppendText(); // expect: IMM0009
            writer.WriteLine(line);
        }

        public void Cache(byte[] bytes)
        {
            string name = Path.GetFileName(Assembly.GetEntryAssembly()!.Location);
            string path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), name + ".bin");
            using var stream = File.Open(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write });
            stream.Write(bytes, 0, bytes.Length);
            using var db = File.Open(Path.Combine(AppContext.BaseDirectory, "state.db"), new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite }); // expect: IMM0009
        }
    }

    public static class FileHelpers
    {
        public static void Save(string directory, string file, string text) => File.WriteAllText(Path.Combine(directory, file), text);

        public static void Use(IHostEnvironment environment)
        {
            Save(Path.GetTempPath(), "a.txt", "x");
            Save(environment.ContentRootPath, "b.txt", "x"); // expect: IMM0009
            Save(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "c.txt", "x");
            string version = Assembly.GetExecutingAssembly().Location.Length.ToString();
            File.WriteAllText(Path.Combine(Path.GetTempPath(), version), "x");
        }
    }

    public sealed class Exporter
    {
        private readonly string _target;

        public Exporter(string target) => _target = target;

        public void Export(string text) => File.WriteAllText(_target, text);
    }

    public static class Exports
    {
        public static void Run() => new Exporter(Path.Combine(AppContext.BaseDirectory, "export.csv")).Export("x"); // miss: IMM0009 (a value stored by a constructor of another object)
    }
}
