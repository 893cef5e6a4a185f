namespace Immutable.Cty.Tests;

/// <summary>
/// Refined unknowns. Neither go-cty nor terraform-plugin-go publishes byte vectors for these, so the expected
/// bytes below were derived by hand from go-cty cty/msgpack/unknown.go (marshalUnknownValue: extension 12 whose
/// payload is a map of 1 = nullness, 2 = string prefix, 3/4 = [number, inclusive], 5/6 = length) and from
/// Terraform's docs/plugin-protocol/object-wire-format.md, with the msgpack spec's fixext/ext8 framing.
/// </summary>
public class MsgPackRefinementTests
{
    public static TheoryData<string, string, CtyValue, CtyType> Vectors => new()
    {
        // {1: false} is three bytes, so ext8: c7 03 0c
        { "string not null", "c7030c8101c2", CtyValue.Unknown(CtyType.String).RefineNotNull(), CtyType.String },
        { "bool not null", "c7030c8101c2", CtyValue.Unknown(CtyType.Bool).RefineNotNull(), CtyType.Bool },
        // A trailing "-" cannot combine with what follows, so StringPrefix keeps it.
        { "prefix", "c7070c8102a4666f6f2d", CtyValue.Unknown(CtyType.String).Refine().StringPrefix("foo-").NewValue(), CtyType.String },
        { "not null and prefix", "c7090c8201c202a4666f6f2d", CtyValue.Unknown(CtyType.String).Refine().NotNull().StringPrefix("foo-").NewValue(), CtyType.String },
        // A four-byte payload uses fixext4 (d6), as vmihailenco/msgpack's EncodeExtHeader does.
        { "one-letter prefix", "d60c8102a161", CtyValue.Unknown(CtyType.String).Refine().StringPrefixFull("a").NewValue(), CtyType.String },
        { "number >= 0", "c7050c81039200c3", CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0, true).NewValue(), CtyType.Number },
        { "number > 0", "c7050c81039200c2", CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0, false).NewValue(), CtyType.Number },
        { "number <= 0", "c7050c81049200c3", CtyValue.Unknown(CtyType.Number).Refine().NumberRangeUpperBound(0, true).NewValue(), CtyType.Number },
        { "number in [0, 1]", "c7090c82039200c3049201c3", CtyValue.Unknown(CtyType.Number).Refine().NumberRangeInclusive(0, 1).NewValue(), CtyType.Number },
        // Bounds use the number encoding: a float when exact, text otherwise; the 8-byte payload is fixext8 (d7).
        { "number >= 0.5", "c70d0c810392cb3fe0000000000000c3", CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0.5m, true).NewValue(), CtyType.Number },
        { "number >= 0.1", "d70c810392a3302e31c3", CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0.1m, true).NewValue(), CtyType.Number },
        { "list length >= 1", "c7030c810501", CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthLowerBound(1).NewValue(), CtyType.List(CtyType.String) },
        { "list length <= 1", "c7030c810601", CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthUpperBound(1).NewValue(), CtyType.List(CtyType.String) },
        { "list length in [1, 2]", "c7050c8205010602", CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthLowerBound(1).CollectionLengthUpperBound(2).NewValue(), CtyType.List(CtyType.String) },
        { "list not null, length <= 1", "c7050c8201c20601", CtyValue.Unknown(CtyType.List(CtyType.String)).Refine().CollectionLengthUpperBound(1).NotNull().NewValue(), CtyType.List(CtyType.String) },
        { "map length >= 300", "c7050c8105cd012c", CtyValue.Unknown(CtyType.Map(CtyType.Bool)).Refine().CollectionLengthLowerBound(300).NewValue(), CtyType.Map(CtyType.Bool) },
        // Object attributes carry their own refinements.
        { "object attribute", "81a161c7030c8101c2", CtyValue.Object(("a", CtyValue.Unknown(CtyType.String).RefineNotNull())), CtyType.Object(("a", CtyType.String)) },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes(string name, string hex, CtyValue value, CtyType type)
    {
        Assert.True(Hex.Of(CtyMsgPack.Encode(value, type)) == hex, $"{name}: got {Hex.Of(CtyMsgPack.Encode(value, type))}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decodes(string name, string hex, CtyValue value, CtyType type)
    {
        CtyValue decoded = CtyMsgPack.Decode(Hex.Bytes(hex), type);
        Assert.True(value.Equals(decoded), $"{name}: expected {value}, got {decoded}");
    }

    [Fact]
    public void DecodedRefinementsAreExposed()
    {
        CtyValue v = CtyMsgPack.Decode(Hex.Bytes("c7090c82039200c3049201c3"), CtyType.Number);
        Assert.True(v.IsUnknown);
        CtyRefinements r = Assert.IsType<CtyRefinements>(v.Refinements);
        Assert.Equal(CtyNumber.Zero, r.NumberLowerBound);
        Assert.True(r.NumberLowerBoundInclusive);
        Assert.Equal(CtyNumber.One, r.NumberUpperBound);
        Assert.True(r.NumberUpperBoundInclusive);
        Assert.False(r.IsNotNull);
    }

    [Fact]
    public void AnyExtensionTypeIsUnknown()
    {
        // object-wire-format.md: "treat any MessagePack extension code as representing an unknown value".
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("d40500"), CtyType.String));
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("d5070102"), CtyType.String));
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("c700ff"), CtyType.String));
        Assert.Equal(CtyValue.Unknown(CtyType.Number), CtyMsgPack.Decode(Hex.Bytes("c7030f8101c2"), CtyType.Number));
        Assert.Equal(CtyValue.DynamicUnknown, CtyMsgPack.Decode(Hex.Bytes("c7030c8101c2"), CtyType.Dynamic));
    }

    [Fact]
    public void MalformedRefinementsDegradeToPlainUnknown()
    {
        // Payload is not a map.
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("c7040c93c2c2c2"), CtyType.String));

        // Map claims more entries than the payload has.
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("c7030c8501c2"), CtyType.String));

        // Nullness must be a bool.
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("c7030c810101"), CtyType.String));

        // Lower bound above upper bound.
        Assert.Equal(CtyValue.Unknown(CtyType.List(CtyType.String)), CtyMsgPack.Decode(Hex.Bytes("c7050c8205030601"), CtyType.List(CtyType.String)));

        // Over go-cty's 1 KiB limit.
        byte[] big = [0xc8, 0x04, 0x01, 0x0c, 0x81, 0x02, 0xda, 0x03, 0xfc, .. Enumerable.Repeat((byte)'a', 1020)];
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(big, CtyType.String));
    }

    [Fact]
    public void InapplicableAndFutureRefinementsAreIgnored()
    {
        // Key 99 is unknown and a string prefix (2) does not apply to numbers; nullness (1) still applies.
        CtyValue v = CtyMsgPack.Decode(Hex.Bytes("c70a0c83" + "6392c3c2" + "02a161" + "01c2"), CtyType.Number);
        Assert.Equal(CtyValue.Unknown(CtyType.Number).RefineNotNull(), v);
    }

    [Fact]
    public void NullnessTrueMeansKnownNull()
    {
        // go-cty's builder.Null() collapses to the one null value of the type.
        Assert.Equal(CtyValue.Null(CtyType.String), CtyMsgPack.Decode(Hex.Bytes("c7030c8101c3"), CtyType.String));
    }

    [Fact]
    public void ExactLengthCollapsesToKnownList()
    {
        // go-cty RefinementBuilder.NewValue: a not-null list of exactly two elements is a known list of unknowns.
        CtyValue v = CtyMsgPack.Decode(Hex.Bytes("c7070c8301c205020602"), CtyType.List(CtyType.String));
        Assert.True(v.IsKnown);
        Assert.Equal(2, v.Length);
        Assert.All(v.Elements, e => Assert.Equal(CtyValue.Unknown(CtyType.String), e));

        // A huge exact length is not materialized.
        CtyValue big = CtyMsgPack.Decode(Hex.Bytes("c70f0c8301c205ce7fffffff06ce7fffffff"), CtyType.List(CtyType.String));
        Assert.True(big.IsUnknown);
        Assert.Equal(int.MaxValue, big.Refinements!.CollectionLengthUpperBound);
    }

    [Fact]
    public void LongPrefixIsTruncatedLikeGoCty()
    {
        // go-cty roundtrip_test.go TestRoundTrip_truncatesStringPrefixRefinement.
        (string Prefix, string Expected, bool NotNull)[] cases =
        [
            (new string('a', 1024), new string('a', 255), false),
            (new string('b', 1024), new string('b', 255), true),
            (new string('c', 255) + "-", new string('c', 255) + "-", false),
            (new string('d', 255) + "\U0001F937\U0001F937", new string('d', 255), false),
        ];

        foreach ((string prefix, string expected, bool notNull) in cases)
        {
            CtyRefinementBuilder original = CtyValue.Unknown(CtyType.String).Refine().StringPrefix(prefix);
            CtyRefinementBuilder wanted = CtyValue.Unknown(CtyType.String).Refine().StringPrefix(expected);
            if (notNull)
            {
                original.NotNull();
                wanted.NotNull();
            }

            CtyValue got = CtyMsgPack.Decode(CtyMsgPack.Encode(original.NewValue(), CtyType.String), CtyType.String);
            Assert.Equal(wanted.NewValue(), got);
        }
    }
}
