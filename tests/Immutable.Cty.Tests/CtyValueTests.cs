namespace Immutable.Cty.Tests;

public class CtyValueTests
{
    private static readonly CtyValue A = CtyValue.String("a");
    private static readonly CtyValue B = CtyValue.String("b");

    [Fact]
    public void PrimitivesAndStates()
    {
        Assert.True(CtyValue.String("x").IsKnown);
        Assert.False(CtyValue.String("x").IsNull);
        Assert.True(CtyValue.Null(CtyType.String).IsNull);
        Assert.True(CtyValue.Null(CtyType.String).IsKnown);
        Assert.True(CtyValue.Unknown(CtyType.String).IsUnknown);
        Assert.False(CtyValue.Unknown(CtyType.String).IsNull);
        Assert.Same(CtyValue.DynamicUnknown, CtyValue.Unknown(CtyType.Dynamic));
        Assert.Equal(42, CtyValue.Number(42).AsInt64());
        Assert.Equal(2.5, CtyValue.Number(2.5).AsDouble());
        Assert.True(CtyValue.Bool(true).AsBool());
        Assert.Throws<InvalidOperationException>(() => CtyValue.Null(CtyType.String).AsString());
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Number).AsNumber());
        Assert.Throws<InvalidOperationException>(() => CtyValue.String("x").AsBool());
        Assert.Throws<InvalidOperationException>(() => CtyValue.Number(1.5).AsInt64());
    }

    [Fact]
    public void SetsDeduplicateAndIgnoreOrder()
    {
        CtyValue s1 = CtyValue.Set(CtyType.String, B, A, B);
        CtyValue s2 = CtyValue.Set(CtyType.String, A, B);
        Assert.Equal(2, s1.Length);
        Assert.Equal(s1, s2);
        Assert.Equal(s1.GetHashCode(), s2.GetHashCode());
        Assert.Equal([A, B], s1.Elements);
        Assert.True(s1.HasElement(B));
        Assert.False(s1.HasElement(CtyValue.String("c")));

        // Unknown members never collapse: they may turn out different (go-cty set rules).
        CtyValue unknowns = CtyValue.Set(CtyType.String, CtyValue.Unknown(CtyType.String), CtyValue.Unknown(CtyType.String), A, A);
        Assert.Equal(3, unknowns.Length);
        Assert.Equal(A, unknowns.Elements[0]);

        // Structures with unknowns inside stay distinct too; wholly known equal ones collapse.
        CtyValue objUnknown = CtyValue.Object(("x", CtyValue.Unknown(CtyType.Number)));
        CtyValue objKnown = CtyValue.Object(("x", CtyValue.Number(1)));
        Assert.Equal(3, CtyValue.Set(CtyType.Object(("x", CtyType.Number)), objUnknown, objUnknown, objKnown, objKnown).Length);

        // Numbers compare numerically.
        Assert.Equal(1, CtyValue.Set(CtyType.Number, CtyValue.ParseNumber("1.0"), CtyValue.Number(1)).Length);
    }

    [Fact]
    public void SetsOfStructuresAreOrderIndependent()
    {
        CtyType t = CtyType.Object(("n", CtyType.Number), ("tags", CtyType.Set(CtyType.String)));
        CtyValue x = CtyValue.Object(("n", CtyValue.Number(1)), ("tags", CtyValue.Set(CtyType.String, A, B)));
        CtyValue y = CtyValue.Object(("n", CtyValue.Number(2)), ("tags", CtyValue.Set(CtyType.String)));
        CtyValue z = CtyValue.Object(("n", CtyValue.Null(CtyType.Number)), ("tags", CtyValue.Unknown(CtyType.Set(CtyType.String))));
        CtyValue s1 = CtyValue.Set(t, x, y, z);
        CtyValue s2 = CtyValue.Set(t, z, y, x, y);
        Assert.Equal(s1, s2);
        Assert.Equal(s1.GetHashCode(), s2.GetHashCode());
        Assert.Equal(CtyMsgPack.Encode(s1, CtyType.Set(t)), CtyMsgPack.Encode(s2, CtyType.Set(t)));
    }

    [Fact]
    public void SetElementMarksMoveToTheSet()
    {
        CtyValue s = CtyValue.Set(CtyType.String, A.MarkSensitive(), B);
        Assert.True(s.IsSensitive);
        Assert.All(s.Elements, e => Assert.False(e.IsSensitive));
        Assert.Equal(1, CtyValue.Set(CtyType.String, A.MarkSensitive(), A).Length);
    }

    [Fact]
    public void MapsAreSortedByKey()
    {
        CtyValue m = CtyValue.Map(CtyType.Number, [new("b", CtyValue.Number(2)), new("a", CtyValue.Number(1))]);
        Assert.Equal(["a", "b"], m.MapElements.Keys);
        Assert.Equal(CtyValue.Number(2), m["b"]);
        Assert.Equal(CtyValue.Number(2), m.Index(CtyValue.String("b")));
        Assert.False(m.TryIndex(CtyValue.String("c"), out _));
        Assert.Throws<ArgumentException>(() => CtyValue.Map(CtyType.Number, [new("a", CtyValue.Number(1)), new("a", CtyValue.Number(2))]));
    }

    [Fact]
    public void CollectionTyping()
    {
        // Declared element type with dynamic: the elements decide.
        CtyValue l = CtyValue.List(CtyType.Dynamic, A, B);
        Assert.Equal(CtyType.List(CtyType.String), l.Type);

        // Dynamic placeholders adopt the element type.
        CtyValue mixed = CtyValue.List(CtyType.String, A, CtyValue.DynamicUnknown, CtyValue.Null(CtyType.Dynamic));
        Assert.Equal(CtyValue.Unknown(CtyType.String), mixed[1]);
        Assert.Equal(CtyValue.Null(CtyType.String), mixed[2]);

        Assert.Throws<ArgumentException>(() => CtyValue.List(CtyType.String, CtyValue.Number(1)));
        Assert.Throws<ArgumentException>(() => CtyValue.List(CtyType.Dynamic, A, CtyValue.Number(1)));
        Assert.Equal(CtyType.List(CtyType.Dynamic), CtyValue.List(CtyType.Dynamic).Type);
    }

    [Fact]
    public void ObjectsAndTuples()
    {
        CtyValue o = CtyValue.Object(("b", CtyValue.Number(2)), ("a", A));
        Assert.Equal(CtyType.Object(("a", CtyType.String), ("b", CtyType.Number)), o.Type);
        Assert.Equal(A, o.GetAttribute("a"));
        Assert.Equal(A, o["a"]);
        Assert.Equal(["a", "b"], o.Attributes.Keys);
        Assert.False(o.TryGetAttribute("c", out _));
        Assert.Throws<InvalidOperationException>(() => o.GetAttribute("c"));

        // An unknown object's attributes are unknowns of the attribute types (go-cty GetAttr).
        CtyValue unknown = CtyValue.Unknown(o.Type);
        Assert.Equal(CtyValue.Unknown(CtyType.Number), unknown.GetAttribute("b"));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Null(o.Type).GetAttribute("a"));

        CtyValue t = CtyValue.Tuple(A, CtyValue.Number(1));
        Assert.Equal(CtyType.Tuple(CtyType.String, CtyType.Number), t.Type);
        Assert.Equal(CtyValue.Number(1), t[1]);
        Assert.False(t.TryIndex(CtyValue.Number(2), out _));
        Assert.Equal(CtyValue.Unknown(CtyType.Number), CtyValue.Unknown(t.Type)[1]);
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyValue.Unknown(CtyType.List(CtyType.String))[5]);
    }

    [Fact]
    public void StructuralEqualityForDiffing()
    {
        CtyValue prior = CtyValue.Object(("id", A), ("n", CtyValue.ParseNumber("1.50")));
        CtyValue planned = CtyValue.Object(("id", A), ("n", CtyValue.ParseNumber("1.5")));
        Assert.Equal(prior, planned);
        Assert.Equal(prior.GetHashCode(), planned.GetHashCode());

        Assert.NotEqual(CtyValue.Null(CtyType.String), CtyValue.String(string.Empty));
        Assert.NotEqual(CtyValue.Null(CtyType.String), CtyValue.Null(CtyType.Number));
        Assert.NotEqual(CtyValue.Unknown(CtyType.String), A);
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyValue.Unknown(CtyType.String));
        Assert.NotEqual(CtyValue.Unknown(CtyType.String), CtyValue.Unknown(CtyType.String).RefineNotNull());
        Assert.NotEqual(CtyValue.List(CtyType.String, A, B), CtyValue.List(CtyType.String, B, A));
        Assert.NotEqual(CtyValue.List(CtyType.String, A), CtyValue.Set(CtyType.String, A));
        Assert.Equal(CtyValue.Number(0), CtyValue.Number(CtyNumber.NegativeZero));

        var dict = new Dictionary<CtyValue, int> { [prior] = 1 };
        Assert.Equal(1, dict[planned]);
    }

    [Fact]
    public void RawEqualsComparesMarks()
    {
        CtyValue plain = CtyValue.List(CtyType.String, A);
        CtyValue marked = CtyValue.List(CtyType.String, A.MarkSensitive());
        Assert.Equal(plain, marked);
        Assert.False(plain.RawEquals(marked));
        Assert.True(marked.RawEquals(CtyValue.List(CtyType.String, A.MarkSensitive())));
        Assert.False(A.RawEquals(A.MarkSensitive()));
    }

    [Fact]
    public void LogicalEqualityIsThreeValued()
    {
        Assert.True(A.LogicallyEquals(CtyValue.String("a")));
        Assert.False(A.LogicallyEquals(B));
        Assert.Null(A.LogicallyEquals(CtyValue.Unknown(CtyType.String)));
        Assert.Null(CtyValue.Unknown(CtyType.String).LogicallyEquals(CtyValue.Unknown(CtyType.String)));
        Assert.False(CtyValue.Null(CtyType.String).LogicallyEquals(CtyValue.Unknown(CtyType.String).RefineNotNull()));
        Assert.True(CtyValue.Null(CtyType.String).LogicallyEquals(CtyValue.Null(CtyType.String)));

        CtyValue l1 = CtyValue.List(CtyType.String, A, CtyValue.Unknown(CtyType.String));
        Assert.Null(l1.LogicallyEquals(CtyValue.List(CtyType.String, A, B)));
        Assert.False(l1.LogicallyEquals(CtyValue.List(CtyType.String, B, B)));
        Assert.False(l1.LogicallyEquals(CtyValue.List(CtyType.String, A)));
    }

    [Fact]
    public void WhollyKnown()
    {
        Assert.True(CtyValue.Null(CtyType.String).IsWhollyKnown);
        Assert.True(CtyValue.Object(("a", CtyValue.List(CtyType.String, A))).IsWhollyKnown);
        Assert.False(CtyValue.Object(("a", CtyValue.List(CtyType.String, CtyValue.Unknown(CtyType.String)))).IsWhollyKnown);
        Assert.False(CtyValue.Unknown(CtyType.Bool).IsWhollyKnown);
    }

    [Fact]
    public void Marks()
    {
        CtyValue secret = A.MarkSensitive();
        Assert.True(secret.IsSensitive);
        Assert.False(secret.Unmark().IsSensitive);
        Assert.Equal("(sensitive value)", secret.ToString());
        CtyValue nested = CtyValue.Object(("p", secret), ("q", B));
        Assert.False(nested.IsSensitive);
        Assert.True(nested.ContainsSensitive());
        Assert.False(nested.UnmarkDeep().ContainsSensitive());
        Assert.Equal(nested, nested.UnmarkDeep());
        Assert.False(nested.GetAttribute("q").IsSensitive);
    }

    [Fact]
    public void Formatting()
    {
        CtyValue v = CtyValue.Object(
            ("s", CtyValue.String("q\"x")),
            ("l", CtyValue.List(CtyType.Number, CtyValue.Number(1), CtyValue.ParseNumber("2.5"))),
            ("m", CtyValue.Map(CtyType.Bool, [new("k", CtyValue.True)])),
            ("set", CtyValue.Set(CtyType.String, A)),
            ("u", CtyValue.Unknown(CtyType.String).Refine().NotNull().StringPrefix("ab-").NewValue()),
            ("n", CtyValue.Null(CtyType.Number)));
        Assert.Equal("{l = [1, 2.5], m = {\"k\" = true}, n = null, s = \"q\\\"x\", set = toset([\"a\"]), u = (unknown string, not null, prefix \"ab-\")}", v.ToString());
    }

    [Fact]
    public void WalkVisitsEveryValueWithItsPath()
    {
        CtyValue v = CtyValue.Object(
            ("a", CtyValue.List(CtyType.Map(CtyType.String), CtyValue.Map(CtyType.String, [new("k", A)]))),
            ("s", CtyValue.Set(CtyType.Number, CtyValue.Number(7))),
            ("t", CtyValue.Tuple(B)));
        var seen = new List<string>();
        v.Walk((path, value) =>
        {
            seen.Add(path + "=" + value);
            return true;
        });
        Assert.Equal(
            [
                "={a = [{\"k\" = \"a\"}], s = toset([7]), t = [\"b\"]}",
                "a=[{\"k\" = \"a\"}]",
                "a[0]={\"k\" = \"a\"}",
                "a[0][\"k\"]=\"a\"",
                "s=toset([7])",
                "s[7]=7",
                "t=[\"b\"]",
                "t[0]=\"b\"",
            ],
            seen);

        int count = 0;
        v.Walk((path, value) =>
        {
            count++;
            return path.Count == 0;
        });
        Assert.Equal(4, count);
    }

    [Fact]
    public void TransformRebuildsBottomUp()
    {
        CtyValue v = CtyValue.Object(
            ("name", CtyValue.String("web")),
            ("tags", CtyValue.Map(CtyType.String, [new("x", CtyValue.String("1"))])),
            ("ports", CtyValue.Set(CtyType.Number, CtyValue.Number(1), CtyValue.Number(2))));

        // Upper-case every string; mark anything under "tags" sensitive.
        CtyValue result = v.Transform((path, value) =>
        {
            if (value.Type == CtyType.String && value.IsKnown && !value.IsNull)
            {
                value = CtyValue.String(value.AsString().ToUpperInvariant());
            }

            if (path.Count == 1 && path[0] is GetAttrStep { Name: "tags" })
            {
                value = value.MarkSensitive();
            }

            return value;
        });

        Assert.Equal("WEB", result.GetAttribute("name").AsString());
        Assert.True(result.GetAttribute("tags").IsSensitive);
        Assert.Equal("1", result.GetAttribute("tags")["x"].AsString());

        // Collapsing set elements through a transform deduplicates.
        CtyValue collapsed = v.Transform((path, value) => value.Type == CtyType.Number && path.Count == 2 ? CtyValue.Number(0) : value);
        Assert.Equal(1, collapsed.GetAttribute("ports").Length);

        // An identity transform returns the same instance.
        Assert.Same(v, v.Transform((_, value) => value));
    }
}
