using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.GlobalMutableStateAnalyzer>;
using FReadOnly = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.GlobalMutableStateAnalyzer, Immutable.Analyzers.CodeFixes.MakeReadOnlyCodeFixProvider>;
using FCollection = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.GlobalMutableStateAnalyzer, Immutable.Analyzers.CodeFixes.UseImmutableCollectionCodeFixProvider>;

namespace Immutable.Analyzers.Tests.Code;

public class GlobalMutableStateTests
{
    [Fact]
    public Task StaticMutableState_InImmutableType_IsReported() => V.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Registry
        {
            private static int {|IMM0004:s_count|};
            public static string Current { get; {|IMM0004:set|}; }
            private static readonly {|IMM0004:Dictionary<string, int>|} s_cache = new();
            public static {|IMM0004:List<string>|} Names { get; } = new();
            public static event EventHandler {|IMM0004:Changed|};
            private static readonly ImmutableArray<string> s_known = ImmutableArray<string>.Empty;
            private static readonly object s_gate = new();
            private const int Max = 3;
            public static string Computed => s_known.Length.ToString();
        }
        """);

    [Fact]
    public Task UnannotatedTypes_AreNotCheckedByDefault() => V.AnalyzerAsync("""
        using System.Collections.Generic;

        public static class Globals
        {
            public static int Counter;
            public static readonly List<string> Names = new();
        }
        """);

    [Fact]
    public Task ScopeAll_ChecksEveryType() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        public static class Globals
        {
            public static int {|IMM0004:Counter|};
            public static readonly {|IMM0004:List<string>|} Names = new();
            public static readonly string Name = "x";

            [MutableByDesign("team-core", "test hook")]
            public static int Hook;
        }

        [MutableByDesign("team-core", "legacy service locator")]
        public static class Locator { public static object Instance; }
        """, attributes: true, standIns: Array.Empty<string>(), editorConfig: "immutable.IMM0004.scope = all");

    [Fact]
    public Task ScopeAll_WorksWithoutAttributes() => V.AnalyzerAsync("""
        public static class Globals { public static int {|IMM0004:Counter|}; }
        """, attributes: false, standIns: Array.Empty<string>(), editorConfig: "immutable.IMM0004.scope = all");

    [Fact]
    public Task Fix_AddsReadonly_AndRemovesStaticSetter() => FReadOnly.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Defaults
        {
            private static int {|IMM0004:s_timeout|} = 30;
            public static string Region { get; {|IMM0004:set|}; } = "eu";
            public static int Timeout => s_timeout;
        }
        """, """
        using Immutable;

        [Immutable]
        public sealed class Defaults
        {
            private static readonly int s_timeout = 30;
            public static string Region { get; } = "eu";
            public static int Timeout => s_timeout;
        }
        """);

    [Fact]
    public Task Fix_StaticReadonlyCollection_BecomesImmutable() => FCollection.CodeFixAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Defaults
        {
            private static readonly {|IMM0004:HashSet<string>|} s_reserved = new();
        }
        """, """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Defaults
        {
            private static readonly ImmutableHashSet<string> s_reserved = ImmutableHashSet<string>.Empty;
        }
        """, equivalenceKey: "IMM-UseImmutableHashSet");
}
