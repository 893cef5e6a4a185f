using Immutable.Analyzers.Code;
using Immutable.Analyzers.CodeFixes;
using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.MutableMemberAnalyzer>;
using F = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.MutableMemberAnalyzer, Immutable.Analyzers.CodeFixes.MakeReadOnlyCodeFixProvider>;

namespace Immutable.Analyzers.Tests.Code;

public class MutableMemberTests
{
    [Fact]
    public Task NonReadonlyField_IsReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Point
        {
            private int {|IMM0001:_x|};
            private readonly int _y;
            public const int Origin = 0;
            public Point(int x, int y) { _x = x; _y = y; }
        }
        """);

    [Fact]
    public Task Message_NamesMemberAndType() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Point
        {
            public int {|#0:X|};
        }
        """, V.Diagnostic("IMM0001").WithLocation(0).WithArguments("Field", "X", "Point", "is not readonly"));

    [Fact]
    public Task SetAccessor_IsReported_InitIsFine() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Person
        {
            public string Name { get; {|IMM0001:set|}; }
            public string Email { get; private {|IMM0001:set|}; }
            public int Age { get; init; }
            public string Display => Name + " " + Age;
        }
        """);

    [Fact]
    public Task FieldLikeEvent_IsReported_CustomEventIsNot() => V.AnalyzerAsync("""
        using System;
        using Immutable;

        [Immutable]
        public sealed class Widget
        {
            public event EventHandler {|IMM0001:Changed|};
            public event EventHandler Custom { add { } remove { } }
        }
        """);

    [Fact]
    public Task UnannotatedTypes_AreNotChecked_DtoAndOptions() => V.AnalyzerAsync("""
        using System.Collections.Generic;

        public class CustomerDto
        {
            public string Name { get; set; }
            public List<string> Tags { get; set; } = new();
            public int counter;
        }

        public sealed class DatabaseOptions
        {
            public string ConnectionString { get; set; } = "";
            public int Retries { get; set; }
        }
        """);

    [Fact]
    public Task PositionalRecord_WithInitProperties_IsFine() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed record Customer(string Name, int Age)
        {
            public string Country { get; init; } = "NL";
        }

        [Immutable]
        public readonly record struct Money(decimal Amount, string Currency);
        """);

    [Fact]
    public Task NonReadonlyRecordStruct_PositionalProperties_AreReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public record struct Range(int {|IMM0001:Start|}, int {|IMM0001:End|});
        """);

    [Fact]
    public Task RequiredInitProperties_AreFine_RequiredSetIsReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Server
        {
            public required string Host { get; init; }
            public required int Port { get; {|IMM0001:set|}; }
        }
        """);

    [Fact]
    public Task CapturedPrimaryConstructorParameter_IsReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Greeter(string {|IMM0001:name|}, string greeting)
        {
            private readonly string _greeting = greeting;
            public string Greet() => _greeting + ", " + name;
            public string Again() => name;
        }
        """);

    [Fact]
    public Task PrimaryConstructorParameter_UsedOnlyInInitializers_IsFine() => V.AnalyzerAsync("""
        using Immutable;

        public class Base { public Base(int x) { } }

        [Immutable]
        public sealed class Holder(int value, string label) : Base(value)
        {
            public int Value { get; } = value;
            private readonly string _label = label;
        }
        """);

    [Fact]
    public Task MutableByDesign_SuppressesMember() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Cache
        {
            [MutableByDesign("team-platform", "lazily computed hash, benign race")]
            private int _hash;

            [MutableByDesign("team-platform", "set once by the serializer")]
            public string Etag { get; set; }
        }
        """);

    [Fact]
    public Task SerializerAttributes_OnInitMembers_AreFine() => V.AnalyzerAsync("""
        using System.Text.Json.Serialization;
        using Immutable;

        [Immutable]
        public sealed class Release
        {
            [JsonConstructor]
            public Release(string version) { Version = version; }

            [JsonPropertyName("version")]
            public string Version { get; }

            [JsonPropertyName("notes")]
            public string Notes { get; init; } = "";
        }
        """);

    [Fact]
    public Task GeneratedCode_IsNotReported() => V.AnalyzerAsync(new[]
    {
        ("/Model.cs", """
            using Immutable;

            [Immutable]
            public sealed partial class Model
            {
                public int Id { get; init; }
            }
            """),
        ("/Model.g.cs", """
            // <auto-generated/>
            public sealed partial class Model
            {
                public int Version { get; set; }
                private int _cache;
            }
            """),
    });

    [Fact]
    public Task UserDeclaredAttribute_WithSameFullName_IsHonoured()
    {
        const string source = """
            namespace Immutable
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                internal sealed class ImmutableAttribute : System.Attribute { }
            }

            namespace App
            {
                [Immutable.Immutable]
                public sealed class Settings
                {
                    public string {|IMM0001:Name|};
                }
            }
            """;
        return V.AnalyzerAsync(source, attributes: false, standIns: Array.Empty<string>(), editorConfig: null);
    }

    [Fact]
    public Task NoAttributeInCompilation_NothingIsReported() => V.AnalyzerAsync("""
        public sealed class Anything { public int X; public int Y { get; set; } }
        """, attributes: false, standIns: Array.Empty<string>(), editorConfig: null);

    [Fact]
    public Task Interface_SetAccessor_IsReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public interface IShape
        {
            double Area { get; }
            string Name { get; {|IMM0001:set|}; }
        }
        """);

    [Fact]
    public Task Fix_AddsReadonly() => F.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Point
        {
            private int {|IMM0001:_x|};
            int {|IMM0001:_y|};
            public Point(int x, int y) { _x = x; _y = y; }
        }
        """, """
        using Immutable;

        [Immutable]
        public sealed class Point
        {
            private readonly int _x;
            readonly int _y;
            public Point(int x, int y) { _x = x; _y = y; }
        }
        """);

    [Fact]
    public Task Fix_SetBecomesInit() => F.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Person
        {
            public string Name { get; {|IMM0001:set|}; } = "";
            public int Age { get; private {|IMM0001:set|}; }
        }
        """, """
        using Immutable;

        [Immutable]
        public sealed class Person
        {
            public string Name { get; init; } = "";
            public int Age { get; private init; }
        }
        """);

    [Fact]
    public Task Fix_RecordStructBecomesReadonly_FixAllMergesEdits() => F.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public record struct Range(int {|IMM0001:Start|}, int {|IMM0001:End|});

        [Immutable]
        public partial record struct Size(int {|IMM0001:Width|});
        """, """
        using Immutable;

        [Immutable]
        public readonly record struct Range(int Start, int End);

        [Immutable]
        public readonly partial record struct Size(int Width);
        """);

    [Fact]
    public Task Fix_NotOffered_WhenFieldIsWrittenAfterConstruction() => F.NoFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Counter
        {
            private int {|IMM0001:_count|};
            public void Increment() => _count++;
        }
        """);
}
