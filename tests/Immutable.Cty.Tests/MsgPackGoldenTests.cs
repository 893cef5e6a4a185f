namespace Immutable.Cty.Tests;

/// <summary>
/// Byte-exact vectors. Unless noted otherwise each comes from hashicorp/terraform-plugin-go
/// tftypes/value_msgpack_test.go (TestValueFromMsgPack), whose encoder follows go-cty's cty/msgpack;
/// the test name there is given in each comment.
/// </summary>
public class MsgPackGoldenTests
{
    private static readonly CtyType Greeting = CtyType.Object(("greeting", CtyType.String));
    private static readonly CtyType GreetingDynamic = CtyType.Object(("greeting", CtyType.Dynamic));
    private static readonly CtyType AB = CtyType.Object(("a", CtyType.String), ("b", CtyType.String));
    private static readonly CtyValue Hello = CtyValue.String("hello");

    public static TheoryData<string, string, CtyValue, CtyType> Vectors => new()
    {
        // "hello-string"
        { "hello-string", "a568656c6c6f", Hello, CtyType.String },
        // "empty-string"
        { "empty-string", "a0", CtyValue.String(string.Empty), CtyType.String },
        // "null-string"
        { "null-string", "c0", CtyValue.Null(CtyType.String), CtyType.String },
        // "unknown-string"
        { "unknown-string", "d40000", CtyValue.Unknown(CtyType.String), CtyType.String },
        // "true-bool"
        { "true-bool", "c3", CtyValue.True, CtyType.Bool },
        // "false-bool"
        { "false-bool", "c2", CtyValue.False, CtyType.Bool },
        // "null-bool"
        { "null-bool", "c0", CtyValue.Null(CtyType.Bool), CtyType.Bool },
        // "unknown-bool"
        { "unknown-bool", "d40000", CtyValue.Unknown(CtyType.Bool), CtyType.Bool },
        // "int-number"
        { "int-number", "01", CtyValue.Number(1), CtyType.Number },
        // "int64-positive-number"
        { "int64-positive-number", "cf7fffffffffffffff", CtyValue.Number(long.MaxValue), CtyType.Number },
        // "int64-negative-number"
        { "int64-negative-number", "d38000000000000000", CtyValue.Number(long.MinValue), CtyType.Number },
        // "uint64-number": too big for int64 and not exact in float64, so decimal text
        { "uint64-number", "b43138343436373434303733373039353531363135", CtyValue.Number(new System.Numerics.BigInteger(ulong.MaxValue)), CtyType.Number },
        // "float-number"
        { "float-number", "cb3ff8000000000000", CtyValue.Number(1.5), CtyType.Number },
        // "float64-positive-number" (math.MaxFloat64)
        { "float64-positive-number", "cb7fefffffffffffff", CtyValue.Number(CtyNumber.FromDoubleExact(double.MaxValue)), CtyType.Number },
        // "float64-negative-number" (math.SmallestNonzeroFloat64)
        { "float64-negative-number", "cb0000000000000001", CtyValue.Number(CtyNumber.FromDoubleExact(double.Epsilon)), CtyType.Number },
        // "big-number": 100 nines, the same value as go-cty roundtrip_test.go's bigNumberVal
        { "big-number", "d96439393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939393939", CtyValue.ParseNumber(new string('9', 100)), CtyType.Number },
        // "awkward-fraction-number": 0.8 is not exact in binary, so decimal text
        { "awkward-fraction-number", "a3302e38", CtyValue.ParseNumber("0.8"), CtyType.Number },
        // "positive-infinity-number"
        { "positive-infinity-number", "cb7ff0000000000000", CtyValue.Number(CtyNumber.PositiveInfinity), CtyType.Number },
        // "negative-infinity-number"
        { "negative-infinity-number", "cbfff0000000000000", CtyValue.Number(CtyNumber.NegativeInfinity), CtyType.Number },
        // "dynamic-bool": [bin "\"bool\"", true]
        { "dynamic-bool", "92c40622626f6f6c22c3", CtyValue.True, CtyType.Dynamic },
        // "dynamic-list"
        { "dynamic-list", "92c4115b226c697374222c22737472696e67225d91a568656c6c6f", CtyValue.List(CtyType.String, Hello), CtyType.Dynamic },
        // "dynamic-map"
        { "dynamic-map", "92c4105b226d6170222c22737472696e67225d81a568656c6c6fa568656c6c6f", CtyValue.Map(CtyType.String, [new("hello", Hello)]), CtyType.Dynamic },
        // "dynamic-number"
        { "dynamic-number", "92c408226e756d6265722201", CtyValue.Number(1), CtyType.Dynamic },
        // "dynamic-object"
        { "dynamic-object", "81a86772656574696e6792c40822737472696e6722a568656c6c6f", CtyValue.Object(("greeting", Hello)), GreetingDynamic },
        // "dynamic-set"
        { "dynamic-set", "92c4105b22736574222c22737472696e67225d91a568656c6c6f", CtyValue.Set(CtyType.String, Hello), CtyType.Dynamic },
        // "dynamic-string"
        { "dynamic-string", "92c40822737472696e6722a568656c6c6f", Hello, CtyType.Dynamic },
        // "list-dynamic"
        { "list-dynamic", "9192c40822737472696e6722a568656c6c6f", CtyValue.List(CtyType.Dynamic, Hello), CtyType.List(CtyType.Dynamic) },
        // "list-string-hello"
        { "list-string-hello", "91a568656c6c6f", CtyValue.List(CtyType.String, Hello), CtyType.List(CtyType.String) },
        // "list-string-unknown"
        { "list-string-unknown", "91d40000", CtyValue.List(CtyType.String, CtyValue.Unknown(CtyType.String)), CtyType.List(CtyType.String) },
        // "list-string-null-string"
        { "list-string-null-string", "91c0", CtyValue.List(CtyType.String, CtyValue.Null(CtyType.String)), CtyType.List(CtyType.String) },
        // "list-string-null"
        { "list-string-null", "c0", CtyValue.Null(CtyType.List(CtyType.String)), CtyType.List(CtyType.String) },
        // "list-string-empty"
        { "list-string-empty", "90", CtyValue.List(CtyType.String), CtyType.List(CtyType.String) },
        // "set-dynamic"
        { "set-dynamic", "9192c40822737472696e6722a568656c6c6f", CtyValue.Set(CtyType.Dynamic, Hello), CtyType.Set(CtyType.Dynamic) },
        // "set-string-hello"
        { "set-string-hello", "91a568656c6c6f", CtyValue.Set(CtyType.String, Hello), CtyType.Set(CtyType.String) },
        // "set-string-unknown"
        { "set-string-unknown", "91d40000", CtyValue.Set(CtyType.String, CtyValue.Unknown(CtyType.String)), CtyType.Set(CtyType.String) },
        // "set-string-null-string"
        { "set-string-null-string", "91c0", CtyValue.Set(CtyType.String, CtyValue.Null(CtyType.String)), CtyType.Set(CtyType.String) },
        // "set-string-empty"
        { "set-string-empty", "90", CtyValue.Set(CtyType.String), CtyType.Set(CtyType.String) },
        // "map-dynamic"
        { "map-dynamic", "81a86772656574696e6792c40822737472696e6722a568656c6c6f", CtyValue.Map(CtyType.Dynamic, [new("greeting", Hello)]), CtyType.Map(CtyType.Dynamic) },
        // "map-string-hello"
        { "map-string-hello", "81a86772656574696e67a568656c6c6f", CtyValue.Map(CtyType.String, [new("greeting", Hello)]), CtyType.Map(CtyType.String) },
        // "map-string-unknown"
        { "map-string-unknown", "81a86772656574696e67d40000", CtyValue.Map(CtyType.String, [new("greeting", CtyValue.Unknown(CtyType.String))]), CtyType.Map(CtyType.String) },
        // "map-string-null"
        { "map-string-null", "81a86772656574696e67c0", CtyValue.Map(CtyType.String, [new("greeting", CtyValue.Null(CtyType.String))]), CtyType.Map(CtyType.String) },
        // "map-string-empty"
        { "map-string-empty", "80", CtyValue.Map(CtyType.String, []), CtyType.Map(CtyType.String) },
        // "tuple-dynamic"
        { "tuple-dynamic", "9292c40822737472696e6722a568656c6c6f92c40822737472696e6722a5776f726c64", CtyValue.Tuple(Hello, CtyValue.String("world")), CtyType.Tuple(CtyType.Dynamic, CtyType.Dynamic) },
        // "tuple-string-hello"
        { "tuple-string-hello", "91a568656c6c6f", CtyValue.Tuple(Hello), CtyType.Tuple(CtyType.String) },
        // "tuple-string-unknown"
        { "tuple-string-unknown", "91d40000", CtyValue.Tuple(CtyValue.Unknown(CtyType.String)), CtyType.Tuple(CtyType.String) },
        // "tuple-string-null"
        { "tuple-string-null", "91c0", CtyValue.Tuple(CtyValue.Null(CtyType.String)), CtyType.Tuple(CtyType.String) },
        // "tuple-empty"
        { "tuple-empty", "90", CtyValue.EmptyTuple, CtyType.EmptyTuple },
        // "object-dynamic"
        { "object-dynamic", "81a86772656574696e6792c40822737472696e6722a568656c6c6f", CtyValue.Object(("greeting", Hello)), GreetingDynamic },
        // "object-string-hello"
        { "object-string-hello", "81a86772656574696e67a568656c6c6f", CtyValue.Object(("greeting", Hello)), Greeting },
        // "object-string-unknown"
        { "object-string-unknown", "81a86772656574696e67d40000", CtyValue.Object(("greeting", CtyValue.Unknown(CtyType.String))), Greeting },
        // "object-string-null"
        { "object-string-null", "81a86772656574696e67c0", CtyValue.Object(("greeting", CtyValue.Null(CtyType.String))), Greeting },
        // "object-string-multi-null"
        { "object-string-multi-null", "82a161c0a162c0", CtyValue.Object(("a", CtyValue.Null(CtyType.String)), ("b", CtyValue.Null(CtyType.String))), AB },
        // "object-string-multi-unknown"
        { "object-string-multi-unknown", "82a161d40000a162d40000", CtyValue.Object(("a", CtyValue.Unknown(CtyType.String)), ("b", CtyValue.Unknown(CtyType.String))), AB },
        // "object-empty"
        { "object-empty", "80", CtyValue.EmptyObject, CtyType.EmptyObject },
        // "string-dynamic-null": a typed null keeps its type inside the dynamic wrapper
        { "string-dynamic-null", "92c40822737472696e6722c0", CtyValue.Null(CtyType.String), CtyType.Dynamic },
        // "dynamic-null"
        { "dynamic-null", "c0", CtyValue.Null(CtyType.Dynamic), CtyType.Dynamic },
        // "object-dynamic-null"
        { "object-dynamic-null", "81a161c0", CtyValue.Object(("a", CtyValue.Null(CtyType.Dynamic))), CtyType.Object(("a", CtyType.Dynamic)) },
        // "dynamic-unknown"
        { "dynamic-unknown", "d40000", CtyValue.DynamicUnknown, CtyType.Dynamic },
        // "dynamic-list-string-hello"
        { "dynamic-list-string-hello", "9192c40822737472696e6722a568656c6c6f", CtyValue.List(CtyType.String, Hello), CtyType.List(CtyType.Dynamic) },
        // "dynamic-list-string-null"
        { "dynamic-list-string-null", "9192c40822737472696e6722c0", CtyValue.List(CtyType.String, CtyValue.Null(CtyType.String)), CtyType.List(CtyType.Dynamic) },
        // "dynamic-list-unknown"
        { "dynamic-list-unknown", "91d40000", CtyValue.List(CtyType.Dynamic, CtyValue.DynamicUnknown), CtyType.List(CtyType.Dynamic) },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EncodesExactly(string name, string hex, CtyValue value, CtyType type)
    {
        Assert.True(Hex.Of(CtyMsgPack.Encode(value, type)) == hex, $"{name}: got {Hex.Of(CtyMsgPack.Encode(value, type))}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void DecodesExactly(string name, string hex, CtyValue value, CtyType type)
    {
        CtyValue decoded = CtyMsgPack.Decode(Hex.Bytes(hex), type);
        Assert.True(value.Equals(decoded), $"{name}: expected {value} ({value.Type}), got {decoded} ({decoded.Type})");
    }

    [Fact]
    public void DynamicTypeIsWrittenAsBinAndReadFromStrToo()
    {
        // go-cty's dynamic.go writes the type with EncodeBytes (bin, c4); its decoder's DecodeBytes also takes str.
        byte[] asBin = CtyMsgPack.Encode(Hello, CtyType.Dynamic);
        Assert.Equal(0xc4, asBin[1]);
        CtyValue fromStr = CtyMsgPack.Decode(Hex.Bytes("92a822737472696e6722a568656c6c6f"), CtyType.Dynamic);
        Assert.Equal(Hello, fromStr);
    }

    [Fact]
    public void CompactIntegerFormats()
    {
        // go-cty encodes with vmihailenco/msgpack's EncodeInt, which always picks the smallest format.
        Assert.Equal("7f", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(127), CtyType.Number)));
        Assert.Equal("cc80", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(128), CtyType.Number)));
        Assert.Equal("cd0100", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(256), CtyType.Number)));
        Assert.Equal("ce00010000", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(65536), CtyType.Number)));
        Assert.Equal("ff", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(-1), CtyType.Number)));
        Assert.Equal("e0", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(-32), CtyType.Number)));
        Assert.Equal("d0df", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(-33), CtyType.Number)));
        Assert.Equal("d1ff7f", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(-129), CtyType.Number)));
        Assert.Equal("d2ffff7fff", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(-32769), CtyType.Number)));
    }

    [Fact]
    public void NumbersChooseIntThenExactFloatThenText()
    {
        // 9223372036854775808 (2^63) is exact in float64; 2^63+1 is not (go-cty roundtrip_test.go values).
        Assert.Equal("cb43e0000000000000", Hex.Of(CtyMsgPack.Encode(CtyValue.ParseNumber("9223372036854775808"), CtyType.Number)));
        Assert.Equal("b3" + Hex.Of("9223372036854775809"u8.ToArray()), Hex.Of(CtyMsgPack.Encode(CtyValue.ParseNumber("9223372036854775809"), CtyType.Number)));

        // 1e400 has no float64; go-cty writes Text('f', -1): plain digits, no exponent.
        byte[] huge = CtyMsgPack.Encode(CtyValue.ParseNumber("1e400"), CtyType.Number);
        Assert.Equal(0xda, huge[0]);
        Assert.Equal(CtyValue.ParseNumber("1e400"), CtyMsgPack.Decode(huge, CtyType.Number));

        // 0.1 written by a provider literal is decimal 0.1, which is not exact in binary: text, like Terraform's own 0.1.
        Assert.Equal("a3302e31", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(0.1), CtyType.Number)));

        // go-cty's big.Float.Int64 reports -0 as exactly 0, so negative zero is written as the integer 0.
        Assert.Equal("00", Hex.Of(CtyMsgPack.Encode(CtyValue.Number(CtyNumber.NegativeZero), CtyType.Number)));
    }

    [Fact]
    public void FloatInputIsKeptBitForBit()
    {
        // A float64 from Terraform (say, 0.1 computed in float arithmetic) must go back as the same float.
        byte[] input = Hex.Bytes("cb3fb999999999999a");
        CtyValue v = CtyMsgPack.Decode(input, CtyType.Number);
        Assert.Equal("0.1000000000000000055511151231257827021181583404541015625", v.AsNumber().ToString());
        Assert.Equal(input, CtyMsgPack.Encode(v, CtyType.Number));

        // float32 and uint64 inputs are accepted as well.
        Assert.Equal(CtyValue.Number(1.5), CtyMsgPack.Decode(Hex.Bytes("ca3fc00000"), CtyType.Number));
        Assert.Equal(CtyValue.Number(7), CtyMsgPack.Decode(Hex.Bytes("cf0000000000000007"), CtyType.Number));
        Assert.Equal(CtyValue.Number(new System.Numerics.BigInteger(ulong.MaxValue)), CtyMsgPack.Decode(Hex.Bytes("cfffffffffffffffff"), CtyType.Number));
        Assert.Equal(CtyValue.Number(12), CtyMsgPack.Decode(Hex.Bytes("a23132"), CtyType.Number));
    }

    [Fact]
    public void StringsAreNormalizedToNfc()
    {
        // go-cty's StringVal applies NFC: "e" + U+0301 COMBINING ACUTE ACCENT becomes U+00E9.
        CtyValue v = CtyMsgPack.Decode(Hex.Bytes("a365cc81"), CtyType.String);
        Assert.Equal("\u00e9", v.AsString());
        Assert.Equal("a2c3a9", Hex.Of(CtyMsgPack.Encode(CtyValue.String("e\u0301"), CtyType.String)));
    }

    [Fact]
    public void ObjectsAreWrittenSortedAndReadInAnyOrder()
    {
        CtyType type = CtyType.Object(("b", CtyType.Number), ("a", CtyType.Number));
        CtyValue value = CtyValue.Object(("b", CtyValue.Number(2)), ("a", CtyValue.Number(1)));
        Assert.Equal("82a16101a16202", Hex.Of(CtyMsgPack.Encode(value, type)));
        Assert.Equal(value, CtyMsgPack.Decode(Hex.Bytes("82a16202a16101"), type));
    }

    [Fact]
    public void OptionalAttributesAreStillWrittenAndRequired()
    {
        // Optional markers belong to type constraints; on the wire every attribute is present.
        CtyObjectType type = CtyType.Object([new("a", CtyType.String), new("b", CtyType.String)], ["b"]);
        CtyValue value = CtyValue.Object(("a", Hello), ("b", CtyValue.Null(CtyType.String)));
        byte[] bytes = CtyMsgPack.Encode(value, type);
        Assert.Equal("82a161a568656c6c6fa162c0", Hex.Of(bytes));
        Assert.Equal(value, CtyMsgPack.Decode(bytes, type));
    }

    [Fact]
    public void UnknownDynamicWrappedWithKnownType()
    {
        // An unknown of a known type encoded where the schema says dynamic keeps its type in the wrapper.
        byte[] bytes = CtyMsgPack.Encode(CtyValue.Unknown(CtyType.String), CtyType.Dynamic);
        Assert.Equal("92c40822737472696e6722d40000", Hex.Of(bytes));
        Assert.Equal(CtyValue.Unknown(CtyType.String), CtyMsgPack.Decode(bytes, CtyType.Dynamic));
    }

    [Fact]
    public void MarksAreNotWritten()
    {
        CtyValue secret = CtyValue.String("s3cret").MarkSensitive();
        Assert.Equal(CtyMsgPack.Encode(CtyValue.String("s3cret"), CtyType.String), CtyMsgPack.Encode(secret, CtyType.String));
    }

    [Fact]
    public void NonConformingValueIsRejected()
    {
        var ex = Assert.Throws<CtyEncodeException>(() => CtyMsgPack.Encode(CtyValue.Number(1), CtyType.String));
        Assert.Contains("number", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CtyEncodeException>(() => CtyMsgPack.Encode(CtyValue.Object(("a", Hello)), AB));
    }
}
