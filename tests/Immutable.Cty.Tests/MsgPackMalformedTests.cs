namespace Immutable.Cty.Tests;

/// <summary>
/// Hostile or broken input must always surface as <see cref="CtyDecodeException"/>, never as another exception
/// type, a hang, or a stack overflow.
/// </summary>
public class MsgPackMalformedTests
{
    private static readonly CtyType Block = CtyType.Object(
        ("name", CtyType.String),
        ("count", CtyType.Number),
        ("tags", CtyType.Map(CtyType.String)),
        ("items", CtyType.List(CtyType.Object(("on", CtyType.Bool), ("x", CtyType.Dynamic)))),
        ("ids", CtyType.Set(CtyType.Number)),
        ("pair", CtyType.Tuple(CtyType.String, CtyType.Number)));

    private static readonly CtyValue Sample = CtyValue.Object(
        ("name", CtyValue.String("h\u00e9llo world, a string longer than thirty-one bytes")),
        ("count", CtyValue.ParseNumber("123456789012345678901234567890.5")),
        ("tags", CtyValue.Map(CtyType.String, [new("a", CtyValue.String("b")), new("c", CtyValue.Unknown(CtyType.String).RefineNotNull())])),
        ("items", CtyValue.List(
            CtyType.Object(("on", CtyType.Bool), ("x", CtyType.Dynamic)),
            CtyValue.Object(("on", CtyValue.True), ("x", CtyValue.Object(("deep", CtyValue.List(CtyType.Number, CtyValue.Number(1.25)))))))),
        ("ids", CtyValue.Set(CtyType.Number, CtyValue.Number(3), CtyValue.Number(-70000), CtyValue.Unknown(CtyType.Number).Refine().NumberRangeLowerBound(0, true).NewValue())),
        ("pair", CtyValue.Tuple(CtyValue.Null(CtyType.String), CtyValue.Number(long.MaxValue))));

    [Fact]
    public void SampleIsValid()
    {
        Assert.Equal(Sample, CtyMsgPack.Decode(CtyMsgPack.Encode(Sample, Block), Block));
    }

    [Fact]
    public void EveryTruncationFails()
    {
        byte[] full = CtyMsgPack.Encode(Sample, Block);
        for (int length = 0; length < full.Length; length++)
        {
            byte[] prefix = full[..length];
            Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(prefix, Block));
        }
    }

    [Fact]
    public void EverySingleByteCorruptionFailsCleanlyOrDecodes()
    {
        // Flipping bytes must only ever succeed or throw CtyDecodeException.
        byte[] full = CtyMsgPack.Encode(Sample, Block);
        byte[] replacements = [0x00, 0x7f, 0x80, 0x90, 0xa0, 0xc0, 0xc1, 0xc3, 0xc4, 0xc7, 0xca, 0xcb, 0xcf, 0xd4, 0xd9, 0xdc, 0xdd, 0xde, 0xdf, 0xff];
        for (int i = 0; i < full.Length; i++)
        {
            foreach (byte b in replacements)
            {
                byte[] corrupt = (byte[])full.Clone();
                corrupt[i] = b;
                try
                {
                    CtyMsgPack.Decode(corrupt, Block);
                }
                catch (CtyDecodeException)
                {
                }
            }
        }
    }

    [Theory]
    [InlineData("a3666f6f", "bool")]
    [InlineData("01", "string")]
    [InlineData("c3", "number")]
    [InlineData("a3616263", "number")]
    [InlineData("a0", "number")]
    [InlineData("81a161c0", "[\"list\",\"string\"]")]
    [InlineData("91c0", "[\"map\",\"string\"]")]
    [InlineData("91c0", "[\"object\",{\"a\":\"string\"}]")]
    [InlineData("92c0c0", "[\"tuple\",[\"string\"]]")]
    [InlineData("90", "[\"tuple\",[\"string\"]]")]
    [InlineData("c1", "string")]
    [InlineData("81c0c0", "[\"map\",\"string\"]")]
    [InlineData("8101c0", "[\"object\",{\"a\":\"string\"}]")]
    [InlineData("81a162c0", "[\"object\",{\"a\":\"string\"}]")]
    [InlineData("80", "[\"object\",{\"a\":\"string\"}]")]
    [InlineData("82a161c0a161c0", "[\"object\",{\"a\":\"string\",\"b\":\"string\"}]")]
    [InlineData("93c4022222c0c0", "dynamic")]
    [InlineData("92c0c0", "dynamic")]
    [InlineData("92c4077374726e696e67c0", "dynamic")]
    [InlineData("92c4085b226c697374225dc0", "dynamic")]
    [InlineData("01", "dynamic")]
    [InlineData("a2c328", "string")]
    [InlineData("cb7ff8000000000000", "number")]
    [InlineData("c0c0", "string")]
    [InlineData("", "string")]
    [InlineData("dd7fffffff", "[\"list\",\"string\"]")]
    [InlineData("df7fffffff", "[\"map\",\"string\"]")]
    [InlineData("dbffffffff41", "string")]
    [InlineData("c9ffffffff0c", "string")]
    [InlineData("9292c40822737472696e6722a161920122", "[\"list\",\"dynamic\"]")]
    public void MalformedInputThrowsDecodeException(string hex, string typeJson)
    {
        CtyType type = CtyType.ParseJson(typeJson.StartsWith('[') ? typeJson : "\"" + typeJson + "\"");
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes(hex), type));
    }

    [Fact]
    public void InconsistentDynamicElementTypesAreRejected()
    {
        // list(dynamic) holding a string and a number: go-cty's ListVal panics on this; here it is a decode error.
        byte[] bytes = Hex.Bytes("92" + "92c40822737472696e6722a161" + "92c408226e756d6265722201");
        var ex = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(bytes, CtyType.List(CtyType.Dynamic)));
        Assert.Contains("Inconsistent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsCarryThePath()
    {
        CtyType type = CtyType.Object(("a", CtyType.List(CtyType.Map(CtyType.Number))));

        // {"a": [{"k": 1}, {"z": "oops"}]}
        byte[] bytes = Hex.Bytes("81a161" + "92" + "81a16b01" + "81a17aa46f6f7073");
        var ex = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(bytes, type));
        Assert.Equal("a[1][\"z\"]", ex.Path.ToString());
        Assert.StartsWith("a[1][\"z\"]: number is required", ex.Message, StringComparison.Ordinal);

        var unsupported = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("81a162c0"), CtyType.Object(("a", CtyType.String))));
        Assert.Equal("b", unsupported.Path.ToString());
        Assert.Contains("unsupported attribute", unsupported.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("81a161c0"), CtyType.Object(("a", CtyType.String), ("b", CtyType.String))));
        Assert.Contains("missing \"b\"", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        var ex = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("c3c3"), CtyType.Bool));
        Assert.Contains("after the value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandNestedListsAreRejected()
    {
        const int depth = 10_000;
        CtyType type = CtyType.String;
        for (int i = 0; i < depth; i++)
        {
            type = CtyType.List(type);
        }

        byte[] bytes = [.. Enumerable.Repeat((byte)0x91, depth), 0xa0];
        var ex = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(bytes, type));
        Assert.Contains("nested more than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandNestedDynamicWrappersAreRejected()
    {
        // Each level is [ "dynamic" as bin, <next level> ], so the type never runs out.
        byte[] level = Hex.Bytes("92c4092264796e616d696322");
        byte[] bytes = [.. Enumerable.Range(0, 10_000).SelectMany(_ => level), 0xc3];
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(bytes, CtyType.Dynamic));
    }

    [Fact]
    public void TenThousandLevelTypeJsonIsRejected()
    {
        string typeJson = string.Concat(Enumerable.Repeat("[\"list\",", 10_000)) + "\"string\"" + new string(']', 10_000);
        byte[] json = System.Text.Encoding.UTF8.GetBytes(typeJson);
        byte[] bytes = [0x92, 0xc6, .. BitConverter.GetBytes(json.Length).Reverse(), .. json, 0xc0];
        var ex = Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(bytes, CtyType.Dynamic));
        Assert.Contains("invalid type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeCountsDoNotAllocateOrHang()
    {
        // array32 / map32 / str32 headers claiming ~4 billion entries with nothing behind them.
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("ddffffffff"), CtyType.List(CtyType.Bool)));
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("dfffffffff"), CtyType.Map(CtyType.Bool)));
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("dbffffffff"), CtyType.String));
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(Hex.Bytes("c6ffffffff"), CtyType.String));
    }

    [Fact]
    public void AbsurdNumberTextIsRejected()
    {
        byte[] text = System.Text.Encoding.ASCII.GetBytes("1e999999999999");
        byte[] bytes = [(byte)(0xa0 | text.Length), .. text];
        Assert.Throws<CtyDecodeException>(() => CtyMsgPack.Decode(bytes, CtyType.Number));
    }
}
