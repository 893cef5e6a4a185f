namespace Immutable.Cty.Tests;

/// <summary>
/// The value/type pairs of go-cty cty/msgpack/roundtrip_test.go (TestRoundTrip and TestRoundTrip_fromString):
/// each must decode back to a value raw-equal to the original.
/// </summary>
public class MsgPackRoundTripTests
{
    private static readonly CtyValue Hello = CtyValue.String("hello");
    private static readonly CtyType Greeting = CtyType.Object(("greeting", CtyType.String));
    private static readonly CtyType AB = CtyType.Object(("a", CtyType.String), ("b", CtyType.String));

    public static TheoryData<CtyValue, CtyType> Cases => new()
    {
        { Hello, CtyType.String },
        { CtyValue.String(string.Empty), CtyType.String },
        { CtyValue.Null(CtyType.String), CtyType.String },
        { CtyValue.Unknown(CtyType.String), CtyType.String },
        { CtyValue.Unknown(CtyType.String).RefineNotNull(), CtyType.String },
        { CtyValue.Unknown(CtyType.String).Refine().StringPrefix("foo-").NewValue(), CtyType.String },
        { CtyValue.Unknown(CtyType.String).Refine().NotNull().StringPrefix("foo-").NewValue(), CtyType.String },
        { CtyValue.True, CtyType.Bool },
        { CtyValue.False, CtyType.Bool },
        { CtyValue.Null(CtyType.Bool), CtyType.Bool },
        { CtyValue.Unknown(CtyType.Bool), CtyType.Bool },
        { CtyValue.Unknown(CtyType.Bool).RefineNotNull(), CtyType.Bool },
        { CtyValue.Number(1), CtyType.Number },
        { CtyValue.Number(1.5), CtyType.Number },
        { CtyValue.ParseNumber(new string('9', 100)), CtyType.Number },
        { CtyValue.ParseNumber("9223372036854775807"), CtyType.Number },
        { CtyValue.ParseNumber("9223372036854775808"), CtyType.Number },
        { CtyValue.ParseNumber("9223372036854775809"), CtyType.Number },
        { CtyValue.ParseNumber("18446744073709551616"), CtyType.Number },
        { CtyValue.ParseNumber("0.8"), CtyType.Number },
        { CtyValue.Number(CtyNumber.PositiveInfinity), CtyType.Number },
        { CtyValue.Number(CtyNumber.NegativeInfinity), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number).RefineNotNull(), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0, true).NewValue(), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0, false).NewValue(), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number).Refine().NumberRangeUpperBound(0, true).NewValue(), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number).Refine().NumberRangeUpperBound(0, false).NewValue(), CtyType.Number },
        { CtyValue.Unknown(CtyType.Number).Refine().NumberRangeInclusive(0, 1).NewValue(), CtyType.Number },
        { CtyValue.List(CtyType.String, Hello), CtyType.List(CtyType.String) },
        { CtyValue.List(CtyType.String, CtyValue.Unknown(CtyType.String)), CtyType.List(CtyType.String) },
        { CtyValue.List(CtyType.String, CtyValue.Null(CtyType.String)), CtyType.List(CtyType.String) },
        { CtyValue.Null(CtyType.List(CtyType.String)), CtyType.List(CtyType.String) },
        { CtyValue.List(CtyType.String), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)).RefineNotNull(), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthLowerBound(1).NewValue(), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthUpperBound(1).NewValue(), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthLowerBound(1).CollectionLengthUpperBound(2).NewValue(), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthLowerBound(2).CollectionLengthUpperBound(2).NewValue(), CtyType.List(CtyType.String) },
        { CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthUpperBound(1).NotNull().NewValue(), CtyType.List(CtyType.String) },
        { CtyValue.Set(CtyType.String, Hello), CtyType.Set(CtyType.String) },
        { CtyValue.Set(CtyType.String, CtyValue.Unknown(CtyType.String)), CtyType.Set(CtyType.String) },
        { CtyValue.Set(CtyType.String, CtyValue.Null(CtyType.String)), CtyType.Set(CtyType.String) },
        { CtyValue.Set(CtyType.String), CtyType.Set(CtyType.String) },
        { CtyValue.Map(CtyType.String, [new("greeting", Hello)]), CtyType.Map(CtyType.String) },
        { CtyValue.Map(CtyType.String, [new("greeting", CtyValue.Unknown(CtyType.String))]), CtyType.Map(CtyType.String) },
        { CtyValue.Map(CtyType.String, [new("greeting", CtyValue.Null(CtyType.String))]), CtyType.Map(CtyType.String) },
        { CtyValue.Map(CtyType.String, []), CtyType.Map(CtyType.String) },
        { CtyValue.Tuple(Hello), CtyType.Tuple(CtyType.String) },
        { CtyValue.Tuple(CtyValue.Unknown(CtyType.String)), CtyType.Tuple(CtyType.String) },
        { CtyValue.Tuple(CtyValue.Null(CtyType.String)), CtyType.Tuple(CtyType.String) },
        { CtyValue.EmptyTuple, CtyType.EmptyTuple },
        { CtyValue.Object(("greeting", Hello)), Greeting },
        { CtyValue.Object(("greeting", CtyValue.Unknown(CtyType.String))), Greeting },
        { CtyValue.Object(("greeting", CtyValue.Null(CtyType.String))), Greeting },
        { CtyValue.Object(("a", CtyValue.Null(CtyType.String)), ("b", CtyValue.Null(CtyType.String))), AB },
        { CtyValue.Object(("a", CtyValue.Unknown(CtyType.String)), ("b", CtyValue.Unknown(CtyType.String))), AB },
        { CtyValue.EmptyObject, CtyType.EmptyObject },
        { CtyValue.Null(CtyType.String), CtyType.Dynamic },
        { CtyValue.DynamicUnknown, CtyType.Dynamic },
        { CtyValue.List(CtyType.String, Hello), CtyType.List(CtyType.Dynamic) },
        { CtyValue.List(CtyType.String, CtyValue.Null(CtyType.String)), CtyType.List(CtyType.Dynamic) },
        { CtyValue.List(CtyType.Dynamic, CtyValue.DynamicUnknown), CtyType.List(CtyType.Dynamic) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTrips(CtyValue value, CtyType type)
    {
        byte[] bytes = CtyMsgPack.Encode(value, type);
        CtyValue got = CtyMsgPack.Decode(bytes, type);
        Assert.True(got.RawEquals(value), $"{value} as {type} encoded as {Hex.Of(bytes)} came back as {got}");
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("9223372036854775809")]
    [InlineData("18446744073709551616")]
    [InlineData("0.1")]
    [InlineData("-0")]
    [InlineData("1e400")]
    public void NumberTextRoundTrips(string text)
    {
        // TestRoundTrip_fromString: the value must come back and still print as the same text.
        CtyValue original = CtyValue.ParseNumber(text);
        CtyValue got = CtyMsgPack.Decode(CtyMsgPack.Encode(original, CtyType.Number), CtyType.Number);
        Assert.Equal(original, got);
        if (text != "-0")
        {
            // Negative zero is the one exception: go-cty writes it as the integer 0.
            Assert.Equal(original.AsNumber().ToString(), got.AsNumber().ToString());
        }
    }

    [Fact]
    public void NestedStructuresRoundTrip()
    {
        CtyType block = CtyType.Object(
            ("id", CtyType.String),
            ("tags", CtyType.Map(CtyType.String)),
            ("rules", CtyType.List(CtyType.Object(("port", CtyType.Number), ("cidrs", CtyType.Set(CtyType.String))))),
            ("extra", CtyType.Dynamic),
            ("pair", CtyType.Tuple(CtyType.Bool, CtyType.Number)));
        CtyValue value = CtyValue.Object(
            ("id", CtyValue.Unknown(CtyType.String).Refine().NotNull().StringPrefix("i-").NewValue()),
            ("tags", CtyValue.Map(CtyType.String, [new("Name", CtyValue.String("web")), new("env", CtyValue.String("prod"))])),
            ("rules", CtyValue.List(
                CtyType.Object(("port", CtyType.Number), ("cidrs", CtyType.Set(CtyType.String))),
                CtyValue.Object(("port", CtyValue.Number(443)), ("cidrs", CtyValue.Set(CtyType.String, CtyValue.String("10.0.0.0/8"), CtyValue.String("0.0.0.0/0")))),
                CtyValue.Object(("port", CtyValue.Unknown(CtyType.Number)), ("cidrs", CtyValue.Unknown(CtyType.Set(CtyType.String)).Refine().CollectionLengthLowerBound(1).NewValue())))),
            ("extra", CtyValue.Object(("nested", CtyValue.List(CtyType.Number, CtyValue.ParseNumber("1e400"), CtyValue.ParseNumber("-0.001"))))),
            ("pair", CtyValue.Tuple(CtyValue.True, CtyValue.Null(CtyType.Number))));
        CtyValue got = CtyMsgPack.Decode(CtyMsgPack.Encode(value, block), block);
        Assert.True(got.RawEquals(value), got.ToString());
    }
}
