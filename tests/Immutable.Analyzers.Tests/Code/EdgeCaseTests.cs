using Member = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.MutableMemberAnalyzer>;
using MemberType = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.MutableMemberTypeAnalyzer>;
using Hierarchy = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.ImmutableHierarchyAnalyzer>;

namespace Immutable.Analyzers.Tests.Code;

/// <summary>Cases that other immutability analyzers are known to get wrong.</summary>
public class EdgeCaseTests
{
    [Fact]
    public Task GeneratedCodeAttribute_IsNotReported() => Member.AnalyzerAsync("""
        using System.CodeDom.Compiler;
        using Immutable;

        [Immutable]
        [GeneratedCode("protoc", "3.0")]
        public sealed class Message
        {
            public int Id { get; set; }
        }
        """);

    [Fact]
    public Task Struct_NonReadonlyField_AndIndexerSetter_AreReported() => Member.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public struct Vector
        {
            public double {|IMM0001:X|};
            public readonly double Y;
            public double this[int i] { get => i == 0 ? X : Y; {|IMM0001:set|} { } }
        }
        """);

    [Fact]
    public Task StaticMembers_AreLeftToIMM0004() => Member.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Defaults
        {
            public static int Counter;
            public static string Name { get; set; } = "";
        }
        """);

    [Fact]
    public Task RecordWithExplicitSetter_IsReported_WithExpressionsAreFine() => Member.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed record Settings(string Region)
        {
            public int Retries { get; {|IMM0001:set|}; }
            public Settings WithRegion(string region) => this with { Region = region };
        }
        """);

    [Fact]
    public Task NestedGenericsAndWrappers_AreCheckedDeeply() => MemberType.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Deep
        {
            public ImmutableDictionary<string, ImmutableArray<int>> Good { get; init; }
            public Lazy<string> LazyName { get; init; }
            public KeyValuePair<string, int> Pair { get; init; }
            public {|IMM0002:Lazy<List<int>>|} LazyList { get; init; }
            public {|IMM0002:ImmutableDictionary<string, int[]>|} Bad { get; init; }
            public {|IMM0002:(string Name, List<int> Values)|} Tuple { get; init; }
            public {|IMM0002:KeyValuePair<string, List<int>>|} BadPair { get; init; }
        }
        """);

    [Fact]
    public Task ImmutableInterfaceMember_IsFine_OtherInterfacesAreNot() => MemberType.AnalyzerAsync("""
        using System;
        using Immutable;

        [Immutable]
        public interface IShape { double Area { get; } }

        public interface IRepository { void Save(); }

        [Immutable]
        public sealed class Drawing
        {
            public IShape Shape { get; init; }
            public {|IMM0002:IRepository|} Repository { get; init; }
            public {|IMM0002:IDisposable|} Resource { get; init; }
        }
        """);

    [Fact]
    public Task StaticMembers_AreNotDeepChecked_ByIMM0002() => MemberType.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Holder
        {
            private static readonly List<int> s_cache = new();
            public const string Name = "x";
        }
        """);

    [Fact]
    public Task FieldKeywordProperty_IsChecked() => MemberType.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Lines
        {
            public {|IMM0002:List<string>|} Items { get => field; init => field = value; } = new();
        }
        """);

    [Fact]
    public Task ReadonlyRecordStruct_WithMutableMember_IsReported() => MemberType.AnalyzerAsync("""
        using System.Text;
        using Immutable;

        [Immutable]
        public readonly record struct Buffer(string Name, {|IMM0002:StringBuilder|} Text);
        """);

    [Fact]
    public Task GenericImmutableBase_IsFine() => Hierarchy.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public abstract class Envelope<T> { public T Body { get; init; } }

        [Immutable]
        public sealed class Text : Envelope<string> { }

        public sealed class {|IMM0003:Loose|} : Envelope<int> { }
        """);

    [Fact]
    public Task KnownImmutableBase_FromOptions_IsFine() => Hierarchy.AnalyzerAsync("""
        using Immutable;

        namespace Vendor { public abstract class ValueObject { } }

        [Immutable]
        public sealed class Money : Vendor.ValueObject { }
        """, attributes: true, standIns: Array.Empty<string>(), editorConfig: "immutable.known_immutable_types = Vendor.ValueObject");
}
