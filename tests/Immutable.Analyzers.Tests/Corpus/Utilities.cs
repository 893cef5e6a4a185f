// An ordinary utility library and a few domain types (patterns: helpers, caches, records, options).
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Immutable;

namespace Corpus.Utilities
{
    public static class Text
    {
        private static readonly SearchValues<char> Separators = SearchValues.Create(",; ");
        private static readonly CompositeFormat Greeting = CompositeFormat.Parse("Hello {0}!");
        private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
        private static readonly Lazy<MethodInfo> TrimMethod = new(() => typeof(string).GetMethod("Trim", Type.EmptyTypes)!);
        private static readonly Func<string, string> Normalize = static s => s.Trim().ToLowerInvariant();
        private static readonly Func<string, int> ParseInt = int.Parse;
        private static readonly string[] Units = { "B", "KB", "MB", "GB" }; // expect: IMM0004
        private static readonly Dictionary<string, string> Aliases = new() { ["eu"] = "eu-west-1" }; // expect: IMM0004
        private static int s_calls; // expect: IMM0004
        public static string LastError { get; set; } = ""; // expect: IMM0004

        public static string Format(string name) => string.Format(null, Greeting, name);
        public static string[] Split(string text) => text.Split(Separators.Contains(',') ? ',' : ';');
        public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);
        public static string Size(long bytes) => bytes + Units[0] + ++s_calls + Aliases.Count + Normalize("A") + ParseInt("1") + TrimMethod.Value.Name;
    }

    [Immutable]
    public sealed record Endpoint(string Host, int Port, ImmutableArray<string> Paths);

    [Immutable]
    public sealed class Release
    {
        public Release(string version, List<string> notes)
        {
            Version = version;
            Notes = notes;
        }

        public string Version { get; }
        public List<string> Notes { get; } // expect: IMM0002
        public string Channel { get; set; } = "stable"; // expect: IMM0001
        private readonly StringBuilder _summary = new(); // expect: IMM0002
        public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>(); // expect: IMM0002
    }

    [Immutable]
    public class Base
    {
        public string Name { get; init; } = "";
    }

    public class Derived : Base // expect: IMM0003
    {
        public int Count { get; set; }
    }

    public sealed class Options
    {
        public string ConnectionString { get; set; } = "";
        public List<string> Hosts { get; } = new();
    }
}
