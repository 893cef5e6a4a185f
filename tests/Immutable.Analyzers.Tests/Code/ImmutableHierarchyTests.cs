using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Code.ImmutableHierarchyAnalyzer>;
using F = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.ImmutableHierarchyAnalyzer, Immutable.Analyzers.CodeFixes.AddImmutableAttributeCodeFixProvider>;

namespace Immutable.Analyzers.Tests.Code;

public class ImmutableHierarchyTests
{
    [Fact]
    public Task MutableBaseType_IsReported() => V.AnalyzerAsync("""
        using Immutable;

        public class Entity { public int Id { get; set; } }

        [Immutable]
        public sealed class {|#0:Customer|} : Entity { }
        """, V.Diagnostic("IMM0003").WithLocation(0).WithArguments(
            "[Immutable] type 'Customer' derives from 'Entity', which is a class that is not annotated [Immutable] and not sealed, so instances can be mutable"));

    [Fact]
    public Task ImmutableBaseType_IsFine() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public abstract class Shape { public string Name { get; init; } = ""; }

        [Immutable]
        public sealed class Circle : Shape { public double Radius { get; init; } }

        [Immutable]
        public abstract record Event(string Id);

        [Immutable]
        public sealed record Created(string Id) : Event(Id);
        """);

    [Fact]
    public Task UnannotatedSubtype_IsReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public abstract class Shape { }

        public class {|IMM0003:Square|} : Shape { public double Side { get; set; } }

        [Immutable]
        public interface IValue { }

        public struct {|IMM0003:Number|} : IValue { public int N; }

        public interface {|IMM0003:INamedValue|} : IValue { }
        """);

    [Fact]
    public Task MutableByDesignSubtype_IsNotReported() => V.AnalyzerAsync("""
        using Immutable;

        [Immutable]
        public abstract class Shape { }

        [MutableByDesign("team-ui", "designer surface needs to move shapes")]
        public class DraggableShape : Shape { public double X { get; set; } }
        """);

    [Fact]
    public Task UnrelatedTypes_AreNotReported() => V.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;

        public class Base { }
        public class Derived : Base { }
        public class MyList : List<int> { }
        public class MyException : Exception { }
        """);

    [Fact]
    public Task Fix_AddsImmutableAttribute() => F.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public abstract class Shape { }

        /// <summary>A square.</summary>
        public sealed class {|IMM0003:Square|} : Shape { }

        [System.Serializable]
        public sealed class {|IMM0003:Circle|} : Shape { }
        """, """
        using Immutable;

        [Immutable]
        public abstract class Shape { }

        /// <summary>A square.</summary>
        [Immutable]
        public sealed class Square : Shape { }

        [Immutable]
        [System.Serializable]
        public sealed class Circle : Shape { }
        """);
}
