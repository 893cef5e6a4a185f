using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.MutableMemberTypeAnalyzer>;
using F = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.MutableMemberTypeAnalyzer, Immutable.Analyzers.CodeFixes.UseImmutableCollectionCodeFixProvider>;

namespace Immutable.Analyzers.Tests.Code;

public class MutableMemberTypeTests
{
    [Fact]
    public Task MutableCollections_ArraysAndBuilders_AreReported() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Text;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            private readonly {|IMM0002:List<string>|} _items = new();
            public {|IMM0002:Dictionary<string, int>|} Counts { get; } = new();
            public {|IMM0002:HashSet<int>|} Ids { get; init; } = new();
            public {|IMM0002:int[]|} Sizes { get; init; } = new int[0];
            private readonly {|IMM0002:StringBuilder|} _log = new();
        }
        """);

    [Fact]
    public Task Message_ExplainsWhy() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            public {|#0:List<string>|} Items { get; init; }
        }
        """, V.Diagnostic("IMM0002").WithLocation(0).WithArguments("Property", "Items", "Inventory", "List<string>", "is a mutable collection"));

    [Fact]
    public Task ImmutableAndFrozenCollections_AndPrimitives_AreFine() => V.AnalyzerAsync("""
        using System;
        using System.Collections.Frozen;
        using System.Collections.Immutable;
        using Immutable;

        public enum Color { Red, Green }

        [Immutable]
        public sealed class Catalog
        {
            public ImmutableArray<string> Names { get; init; }
            public ImmutableDictionary<string, int> Counts { get; init; } = ImmutableDictionary<string, int>.Empty;
            public FrozenSet<Guid> Ids { get; init; } = FrozenSet<Guid>.Empty;
            public string Title { get; init; } = "";
            public DateTimeOffset Created { get; init; }
            public TimeSpan Ttl { get; init; }
            public Uri Home { get; init; } = new("https://example.com");
            public Color Color { get; init; }
            public int? Limit { get; init; }
            public (string Key, int Value) Pair { get; init; }
            public decimal Price { get; init; }
        }
        """);

    [Fact]
    public Task ImmutableCollectionOfMutableElements_IsReported() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Groups
        {
            public {|#0:ImmutableArray<List<int>>|} Members { get; init; }
        }
        """, V.Diagnostic("IMM0002").WithLocation(0).WithArguments(
            "Property", "Members", "Groups", "ImmutableArray<List<int>>",
            "has the type argument 'List<int>', which is a mutable collection"));

    [Fact]
    public Task UnannotatedClass_IsReported_AnnotatedClassIsFine() => V.AnalyzerAsync("""
        using Immutable;

        public class Mutable { public int X { get; set; } }

        [Immutable]
        public sealed class Address { public string City { get; init; } = ""; }

        [Immutable]
        public sealed class Customer
        {
            public Address Address { get; init; } = new();
            public {|IMM0002:Mutable|} Other { get; init; } = new();
            public {|IMM0002:object|} Tag { get; init; } = "";
        }
        """);

    [Fact]
    public Task UnannotatedSealedTypesInSource_AreInferred() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        public sealed class Coordinates { public Coordinates(double lat) { Lat = lat; } public double Lat { get; } }
        public sealed class Bag { public List<int> Items { get; } = new(); }
        public struct Pair { public int A; public string B; }
        public struct Holder { public int[] Values; }

        [Immutable]
        public sealed class Place
        {
            public Coordinates Where { get; init; }
            public {|IMM0002:Bag|} Stuff { get; init; }
            public Pair Pair { get; init; }
            public {|IMM0002:Holder|} Holder { get; init; }
        }
        """);

    [Fact]
    public Task Records_AndPositionalParameters_AreChecked() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed record Order(string Id, {|IMM0002:List<string>|} Lines, ImmutableList<string> Tags);

        [Immutable]
        public sealed record Line(string Sku, int Quantity);

        [Immutable]
        public sealed record Basket(ImmutableArray<Line> Lines);
        """);

    [Fact]
    public Task Generics_AreImmutableWhenTheirArgumentsAre() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Box<T>
        {
            public Box(T value) { Value = value; }
            public T Value { get; }
        }

        [Immutable]
        public sealed class Uses
        {
            public Box<string> Name { get; init; }
            public Box<Box<int>> Nested { get; init; }
            public {|IMM0002:Box<List<int>>|} Bad { get; init; }
        }
        """);

    [Fact]
    public Task Delegates_CapturingState_AreReported_StaticAreFine() => V.AnalyzerAsync("""
        using System;
        using Immutable;

        [Immutable]
        public sealed class Rules(int limit)
        {
            private readonly Func<int, bool> _static = static x => x > 0;
            private readonly Func<int, bool> _pure = x => x > 1;
            private readonly {|IMM0002:Func<int, bool>|} _captures = x => x > limit;
            private readonly Func<string, int> _method = int.Parse;
            public {|IMM0002:Func<int>|} Injected { get; init; }
        }
        """);

    [Fact]
    public Task LockObject_IsFine() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public sealed class Guarded
        {
            private readonly object _gate = new();
            private readonly object _gate2 = new object();
        }
        """);

    [Fact]
    public Task KnownImmutableTypes_FromEditorConfig_AreAccepted() => V.AnalyzerAsync("""
        using Immutable;

        namespace Vendor
        {
            public class Money { public Money(decimal a) { Amount = a; } public decimal Amount { get; } }
            public class Currency { }
        }

        namespace Vendor.Geo
        {
            public class Point { }
        }

        namespace App
        {
            [Immutable]
            public sealed class Price
            {
                public Vendor.Money Amount { get; init; }
                public Vendor.Currency Currency { get; init; }
                public Vendor.Geo.Point Where { get; init; }
            }
        }
        """, attributes: true, standIns: Array.Empty<string>(),
        editorConfig: "immutable.known_immutable_types = T:Vendor.Money, Vendor.Currency, Vendor.Geo.*");

    [Fact]
    public Task ReadOnlyInterfaces_ReportedByDefault_AcceptedByOption()
    {
        const string source = """
            using System.Collections.Generic;
            using Immutable;

            [Immutable]
            public sealed class View
            {
                public {|IMM0002:IReadOnlyList<string>|} Names { get; init; }
                public {|IMM0002:IList<string>|} Mutable { get; init; }
            }
            """;
        const string accepted = """
            using System.Collections.Generic;
            using Immutable;

            [Immutable]
            public sealed class View
            {
                public IReadOnlyList<string> Names { get; init; }
                public IEnumerable<int> Numbers { get; init; }
                public {|IMM0002:IList<string>|} Mutable { get; init; }
            }
            """;
        return Task.WhenAll(
            V.AnalyzerAsync(source),
            V.AnalyzerAsync(accepted, true, Array.Empty<string>(), "immutable.IMM0002.allow_readonly_interfaces = true"));
    }

    [Fact]
    public Task MutableByDesign_OnMemberAndType() => V.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using Immutable;

        [MutableByDesign("team-perf", "thread-safe memo cache, not observable state")]
        public sealed class Memo { public ConcurrentDictionary<string, int> Data { get; } = new(); }

        [Immutable]
        public sealed class Service
        {
            public Memo Memo { get; init; }

            [MutableByDesign("team-perf", "scratch buffer, never exposed")]
            private readonly byte[] _buffer = new byte[16];
        }
        """);

    [Fact]
    public Task SelfReferentialTypes_DoNotLoop() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using Immutable;

        public sealed class Node { public Node Next { get; } public int Value { get; } }
        public sealed class BadNode { public BadNode Next { get; } public List<int> Values { get; } }

        [Immutable]
        public sealed class Chain
        {
            public Node Head { get; init; }
            public {|IMM0002:BadNode|} Bad { get; init; }
        }
        """);

    [Fact]
    public Task Fix_ListBecomesImmutableList_EmptyInitializerBecomesEmpty() => F.CodeFixAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            private readonly {|IMM0002:List<string>|} _items = new();
            public {|IMM0002:List<int>|} Counts { get; init; } = new List<int>();
        }
        """, """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            private readonly ImmutableList<string> _items = ImmutableList<string>.Empty;
            public ImmutableList<int> Counts { get; init; } = ImmutableList<int>.Empty;
        }
        """, equivalenceKey: "IMM-UseImmutableList");

    [Fact]
    public Task Fix_ArrayBecomesImmutableArray_InitializerBecomesCollectionExpression() => F.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed class Ports
        {
            public {|IMM0002:int[]|} Open { get; init; } = new[] { 80, 443 };
            private readonly {|IMM0002:string[]|} _names = { "http", "https" };
        }
        """, """
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Ports
        {
            public ImmutableArray<int> Open { get; init; } = [80, 443];
            private readonly ImmutableArray<string> _names = ["http", "https"];
        }
        """);

    [Fact]
    public Task Fix_DictionaryBecomesFrozenDictionary() => F.CodeFixAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Limits
        {
            public {|IMM0002:Dictionary<string, int>|} ByName { get; init; }
        }
        """, """
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Limits
        {
            public FrozenDictionary<string, int> ByName { get; init; }
        }
        """, equivalenceKey: "IMM-UseFrozenDictionary");

    [Fact]
    public Task Fix_PositionalRecordParameter() => F.CodeFixAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed record Order(string Id, {|IMM0002:HashSet<string>|} Tags);
        """, """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed record Order(string Id, ImmutableHashSet<string> Tags);
        """, equivalenceKey: "IMM-UseImmutableHashSet");

    [Fact]
    public Task Fix_NotOffered_WhenTheCodeMutatesTheCollection() => F.NoFixAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            public Inventory(List<string> items) { Items = items; }
            public {|IMM0002:List<string>|} Items { get; }
            public void Add(string item) => Items.Add(item);
        }
        """);

    [Fact]
    public Task Fix_ConvertsAtTheConstructionSite() => F.CodeFixAsync("""
        using System.Collections.Generic;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            public Inventory(List<string> items, Dictionary<string, int> counts)
            {
                Items = items;
                _counts = counts;
            }

            public {|IMM0002:List<string>|} Items { get; }
            private readonly {|IMM0002:Dictionary<string, int>|} _counts;
            public static Inventory Empty() => new Inventory(new List<string>(), new Dictionary<string, int>());
        }
        """, """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Immutable;

        [Immutable]
        public sealed class Inventory
        {
            public Inventory(List<string> items, Dictionary<string, int> counts)
            {
                Items = items.ToImmutableList();
                _counts = counts.ToImmutableDictionary();
            }

            public ImmutableList<string> Items { get; }
            private readonly ImmutableDictionary<string, int> _counts;
            public static Inventory Empty() => new Inventory(new List<string>(), new Dictionary<string, int>());
        }
        """, equivalenceKey: null, iterations: 2);

    [Fact]
    public Task Fix_NotOffered_ForStringBuilder() => F.NoFixAsync("""
        using System.Text;
        using Immutable;

        [Immutable]
        public sealed class Log
        {
            private readonly {|IMM0002:StringBuilder|} _text = new();
        }
        """);
}
