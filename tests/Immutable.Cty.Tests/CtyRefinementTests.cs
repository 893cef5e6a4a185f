namespace Immutable.Cty.Tests;

public class CtyRefinementTests
{
    [Fact]
    public void BuildsRefinements()
    {
        CtyValue v = CtyValue.Unknown(CtyType.Number).Refine().NotNull().NumberRangeLowerBound(1, true).NumberRangeUpperBound(10, false).NewValue();
        CtyRefinements r = v.Refinements!;
        Assert.True(r.IsNotNull);
        Assert.Equal((CtyNumber)1, r.NumberLowerBound);
        Assert.True(r.NumberLowerBoundInclusive);
        Assert.Equal((CtyNumber)10, r.NumberUpperBound);
        Assert.False(r.NumberUpperBoundInclusive);

        // Refining again starts from what is there and keeps the tighter bound.
        CtyValue tighter = v.Refine().NumberRangeLowerBound(0, true).NumberRangeLowerBound(2, false).NewValue();
        Assert.Equal((CtyNumber)2, tighter.Refinements!.NumberLowerBound);
        Assert.False(tighter.Refinements.NumberLowerBoundInclusive);
    }

    [Fact]
    public void UnboundedBoundsAreDropped()
    {
        CtyValue v = CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(CtyNumber.NegativeInfinity, true).NumberRangeUpperBound(CtyNumber.PositiveInfinity, true).NewValue();
        Assert.Null(v.Refinements);
        Assert.Equal(CtyValue.Unknown(CtyType.Number), v);
    }

    [Fact]
    public void StringPrefixIsMadeSafe()
    {
        // go-cty ctystrings.SafeKnownPrefix: a trailing letter might still gain a combining mark.
        Assert.Equal("ab", CtyValue.Unknown(CtyType.String).Refine().StringPrefix("abc").NewValue().Refinements!.StringPrefix);
        Assert.Equal("ab-", CtyValue.Unknown(CtyType.String).Refine().StringPrefix("ab-").NewValue().Refinements!.StringPrefix);
        Assert.Equal("abc", CtyValue.Unknown(CtyType.String).Refine().StringPrefixFull("abc").NewValue().Refinements!.StringPrefix);
        Assert.Null(CtyValue.Unknown(CtyType.String).Refine().StringPrefix("a").NewValue().Refinements);
        Assert.Equal("x/", CtyStrings.SafeKnownPrefix("x/e\u0301"));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.String).Refine().StringPrefixFull("ab").StringPrefixFull("ac"));
    }

    [Fact]
    public void CollapsesLikeGoCty()
    {
        Assert.Equal(CtyValue.Number(5), CtyValue.Unknown(CtyType.Number).Refine().NotNull().NumberRangeInclusive(5, 5).NewValue());
        Assert.True(CtyValue.Unknown(CtyType.Number).Refine().NumberRangeInclusive(5, 5).NewValue().IsUnknown);
        Assert.Equal(CtyValue.Set(CtyType.String), CtyValue.Unknown(CtyType.Set(CtyType.String)).Refine().NotNull().CollectionLengthUpperBound(0).NewValue());
        Assert.Equal(CtyValue.Map(CtyType.String, []), CtyValue.Unknown(CtyType.Map(CtyType.String)).Refine().NotNull().CollectionLengthUpperBound(0).NewValue());
        Assert.Equal(
            CtyValue.Set(CtyType.String, CtyValue.Unknown(CtyType.String)),
            CtyValue.Unknown(CtyType.Set(CtyType.String)).Refine().NotNull().CollectionLengthLowerBound(1).CollectionLengthUpperBound(1).NewValue());
        Assert.Equal(CtyValue.Null(CtyType.Bool), CtyValue.Unknown(CtyType.Bool).Refine().Null().NewValue());
    }

    [Fact]
    public void InvalidRefinementsThrow()
    {
        Assert.Throws<InvalidOperationException>(() => CtyValue.DynamicUnknown.Refine());
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Number).Refine().StringPrefix("x"));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.String).Refine().NumberRangeLowerBound(1, true));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Object(("a", CtyType.String))).Refine().CollectionLengthLowerBound(1));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(5, true).NumberRangeUpperBound(1, true));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthLowerBound(5).CollectionLengthUpperBound(1));
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Bool).Refine().NotNull().Null());
    }

    [Fact]
    public void KnownValuesAreUnchanged()
    {
        CtyValue known = CtyValue.String("abc");
        Assert.Same(known, known.Refine().NotNull().StringPrefix("ab").NewValue());
    }
}
