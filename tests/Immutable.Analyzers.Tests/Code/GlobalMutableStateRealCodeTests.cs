using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.GlobalMutableStateAnalyzer>;

namespace Immutable.Analyzers.Tests.Code;

/// <summary>IMM0004 with <c>scope = all</c> on real-code patterns: delegates, framework caches, never-written arrays.</summary>
public class GlobalMutableStateRealCodeTests
{
    private const string ScopeAll = "immutable.IMM0004.scope = all";

    [Fact]
    public Task NonCapturingStaticDelegates_AreFine() => V.AnalyzerAsync("""
        using System;

        public static class Parsers
        {
            private static readonly Func<string, int> Parse = int.Parse;
            private static readonly Func<string, string> Trim = static s => s.Trim();
            private static readonly Func<int, int> Twice = x => x * 2;
            private static readonly Predicate<string> IsEmpty = Empty;
            public static Func<string, bool> IsLong { get; } = s => s.Length > 80;
            private static readonly {|#0:Func<int>|} Counter = new Random().Next;
            private static readonly {|IMM0004:Func<int>|} Assigned;

            static Parsers() => Assigned = () => 1;

            private static bool Empty(string s) => s.Length == 0;
        }
        """, attributes: true, standIns: Array.Empty<string>(), editorConfig: ScopeAll,
        V.Diagnostic("IMM0004").WithLocation(0).WithArguments("readonly field", "Counter", "has type 'Func<int>', which is a delegate that is not known to be free of captured state"));

    [Fact]
    public Task FrameworkCachesThatCannotChange_AreFine() => V.AnalyzerAsync("""
        using System;
        using System.Buffers;
        using System.Reflection;
        using System.Text;
        using System.Text.Json;

        public static class Caches
        {
            private static readonly Lazy<MethodInfo> Method = new(() => typeof(string).GetMethod("Trim", Type.EmptyTypes)!);
            private static readonly PropertyInfo Length = typeof(string).GetProperty("Length")!;
            private static readonly SearchValues<char> Separators = SearchValues.Create(",;");
            private static readonly CompositeFormat Greeting = CompositeFormat.Parse("Hello {0}");
            private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
            private static readonly Assembly Self = typeof(Caches).Assembly;
            private static readonly {|IMM0004:JsonSerializerOptions|} NotInitialized;
            private static readonly {|IMM0004:StringBuilder|} Buffer = new();

            static Caches() => NotInitialized = new JsonSerializerOptions();
        }
        """, attributes: true, standIns: Array.Empty<string>(), editorConfig: ScopeAll);

    [Fact]
    public Task PrivateArraysNeverWritten_AreSkippedWithTheOption() => V.AnalyzerAsync("""
        using System;
        using System.Linq;

        public static class Tables
        {
            private static readonly string[] Units = { "B", "KB", "MB" };
            private static readonly char[] Separators = { ',', ';' };
            private static readonly {|IMM0004:int[]|} Counts = new int[4];
            private static readonly {|IMM0004:string[]|} Leaked = { "a" };
            public static readonly {|IMM0004:string[]|} Exposed = { "a" };
            private static readonly {|IMM0004:byte[]|} Buffer = new byte[16];

            public static string Format(long bytes, string text)
            {
                foreach (string unit in Units) { }
                Counts[0]++;
                Span<byte> span = Buffer.AsSpan();
                return Units[0] + Units.Length + string.Join(",", Units) + text.Split(Separators).Length + Units.Contains("B");
            }

            public static string[] All() => Leaked;
        }
        """, attributes: true, standIns: Array.Empty<string>(), editorConfig: ScopeAll + "\nimmutable.IMM0004.allow_unwritten_private_arrays = true");

    [Fact]
    public Task PrivateArrays_AreReportedWithoutTheOption() => V.AnalyzerAsync("""
        public static class Tables
        {
            private static readonly {|IMM0004:string[]|} Units = { "B", "KB", "MB" };
            public static string First => Units[0];
        }
        """, attributes: true, standIns: Array.Empty<string>(), editorConfig: ScopeAll);
}
