using F1 = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.MutableMemberAnalyzer, Immutable.Analyzers.CodeFixes.AddMutableByDesignCodeFixProvider>;
using F2 = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.MutableMemberTypeAnalyzer, Immutable.Analyzers.CodeFixes.AddMutableByDesignCodeFixProvider>;

namespace Immutable.Analyzers.Tests.Code;

/// <summary>The fallback fix: every IMM0001/IMM0002 finding on a real type can be marked [MutableByDesign].</summary>
public class MutableByDesignFixTests
{
    [Fact]
    public Task FieldWrittenAfterConstruction_GetsTheAttribute() => F1.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Counter
        {
            /// <summary>Hits.</summary>
            private int {|IMM0001:_count|};
            public void Increment() => _count++;
        }
        """, """
        using Immutable;

        [Immutable]
        public sealed class Counter
        {
            /// <summary>Hits.</summary>
            [MutableByDesign("TODO: owner", "TODO: why this state must be mutable")]
            private int _count;
            public void Increment() => _count++;
        }
        """);

    [Fact]
    public Task SetterUsedByTheTypeItself_GetsTheAttribute() => F1.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Session
        {
            public string Token { get; {|IMM0001:set|}; } = "";
            public void Refresh(string token) => Token = token;
        }
        """, """
        using Immutable;

        [Immutable]
        public sealed class Session
        {
            [MutableByDesign("TODO: owner", "TODO: why this state must be mutable")]
            public string Token { get; set; } = "";
            public void Refresh(string token) => Token = token;
        }
        """);

    [Fact]
    public Task MutatedCollection_AndPositionalRecordMember_GetTheAttribute() => F2.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Text;
        using Immutable;

        [Immutable]
        public sealed record Batch({|IMM0002:List<string>|} Items)
        {
            private readonly {|IMM0002:StringBuilder|} _log = new();
            public void Add(string item) { Items.Add(item); _log.Append(item); }
        }
        """, """
        using System.Collections.Generic;
        using System.Text;
        using Immutable;

        [Immutable]
        public sealed record Batch([property: MutableByDesign("TODO: owner", "TODO: why this state must be mutable")] List<string> Items)
        {
            [MutableByDesign("TODO: owner", "TODO: why this state must be mutable")]
            private readonly StringBuilder _log = new();
            public void Add(string item) { Items.Add(item); _log.Append(item); }
        }
        """);
}
