namespace Immutable.Cty.Tests;

public class CtyPathTests
{
    [Fact]
    public void Rendering()
    {
        CtyPath p = CtyPath.Root.GetAttr("a").GetAttr("b").Index(0).Index("k");
        Assert.Equal("a.b[0][\"k\"]", p.ToString());
        Assert.Equal(string.Empty, CtyPath.Root.ToString());
        Assert.Equal("[2][\"x\\\"y\"].z", CtyPath.Root.Index(2).Index("x\"y").GetAttr("z").ToString());
        Assert.Equal("s[true]", CtyPath.Root.GetAttr("s").Index(CtyValue.True).ToString());
        Assert.Equal(4, p.Count);
        Assert.Equal(new GetAttrStep("b"), p[1]);
        Assert.Equal("a.b[0]", p.Parent.ToString());
    }

    [Fact]
    public void EqualityAndHashing()
    {
        CtyPath p1 = CtyPath.Root.GetAttr("a").Index(1);
        CtyPath p2 = CtyPath.FromSteps([new GetAttrStep("a"), new IndexStep(CtyValue.Number(1))]);
        Assert.Equal(p1, p2);
        Assert.Equal(p1.GetHashCode(), p2.GetHashCode());
        Assert.NotEqual(p1, CtyPath.Root.GetAttr("a").Index("1"));
        Assert.NotEqual(p1, CtyPath.Root.Index("a").Index(1));
        Assert.True(p1.HasPrefix(CtyPath.Root.GetAttr("a")));
        Assert.False(p1.HasPrefix(CtyPath.Root.GetAttr("b")));
        var set = new HashSet<CtyPath> { p1 };
        Assert.Contains(p2, set);
    }

    [Fact]
    public void StepsExposeKeys()
    {
        var number = new IndexStep(CtyValue.Number(3));
        Assert.True(number.TryGetInt64(out long i));
        Assert.Equal(3, i);
        Assert.False(number.TryGetString(out _));
        var key = new IndexStep(CtyValue.String("k"));
        Assert.True(key.TryGetString(out string s));
        Assert.Equal("k", s);
    }

    [Fact]
    public void Apply()
    {
        CtyValue v = CtyValue.Object(
            ("a", CtyValue.List(CtyType.Map(CtyType.Number), CtyValue.Map(CtyType.Number, [new("k", CtyValue.Number(5))]))),
            ("s", CtyValue.Set(CtyType.String, CtyValue.String("x"))));
        Assert.Equal(CtyValue.Number(5), CtyPath.Root.GetAttr("a").Index(0).Index("k").Apply(v));
        Assert.Equal(CtyValue.String("x"), CtyPath.Root.GetAttr("s").Index(CtyValue.String("x")).Apply(v));
        Assert.Same(v, CtyPath.Root.Apply(v));
        Assert.False(CtyPath.Root.GetAttr("a").Index(1).TryApply(v, out _));
        Assert.False(CtyPath.Root.GetAttr("nope").TryApply(v, out _));
        Assert.Throws<InvalidOperationException>(() => CtyPath.Root.GetAttr("a").Index("k").Apply(v));
    }
}
