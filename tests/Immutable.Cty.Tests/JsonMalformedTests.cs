namespace Immutable.Cty.Tests;

public class JsonMalformedTests
{
    [Theory]
    [InlineData("", "string")]
    [InlineData("   ", "string")]
    [InlineData("\"abc", "string")]
    [InlineData("[1,2", "[\"list\",\"number\"]")]
    [InlineData("[1,2,]", "[\"list\",\"number\"]")]
    [InlineData("{\"a\":1", "[\"map\",\"number\"]")]
    [InlineData("{\"a\" 1}", "[\"map\",\"number\"]")]
    [InlineData("true false", "bool")]
    [InlineData("1", "bool")]
    [InlineData("\"maybe\"", "bool")]
    [InlineData("[]", "string")]
    [InlineData("\"abc\"", "number")]
    [InlineData("true", "number")]
    [InlineData("{}", "[\"list\",\"string\"]")]
    [InlineData("[]", "[\"map\",\"string\"]")]
    [InlineData("[]", "[\"object\",{}]")]
    [InlineData("[1]", "[\"tuple\",[]]")]
    [InlineData("[]", "[\"tuple\",[\"number\"]]")]
    [InlineData("{\"a\":1}", "[\"object\",{\"b\":\"number\"}]")]
    [InlineData("[true]", "dynamic")]
    [InlineData("{\"value\":true}", "dynamic")]
    [InlineData("{\"type\":\"bool\"}", "dynamic")]
    [InlineData("{\"type\":\"bool\",\"value\":true,\"extra\":1}", "dynamic")]
    [InlineData("{\"type\":\"boolean\",\"value\":true}", "dynamic")]
    [InlineData("{\"type\":[\"list\"],\"value\":[]}", "dynamic")]
    [InlineData("{\"type\":\"number\",\"value\":\"x\"}", "dynamic")]
    [InlineData("\"\\ud800\"", "string")]
    [InlineData("1e999999999", "number")]
    [InlineData("NaN", "number")]
    [InlineData("// comment\n1", "number")]
    [InlineData("[{\"value\":\"a\",\"type\":\"string\"},{\"value\":1,\"type\":\"number\"}]", "[\"list\",\"dynamic\"]")]
    public void MalformedInputThrowsDecodeException(string json, string typeJson)
    {
        CtyType type = CtyType.ParseJson(typeJson.StartsWith('[') ? typeJson : "\"" + typeJson + "\"");
        Assert.Throws<CtyDecodeException>(() => CtyJson.Decode(json, type));
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        Assert.Throws<CtyDecodeException>(() => CtyJson.Decode([0x22, 0xc3, 0x28, 0x22], CtyType.String));
    }

    [Fact]
    public void ErrorsCarryThePath()
    {
        CtyType type = CtyType.Object(("a", CtyType.List(CtyType.Map(CtyType.Number))));
        var ex = Assert.Throws<CtyDecodeException>(() => CtyJson.Decode("{\"a\":[{\"k\":1},{\"z\":true}]}", type));
        Assert.Equal("a[1][\"z\"]", ex.Path.ToString());
    }

    [Fact]
    public void TenThousandNestedArraysAreRejected()
    {
        const int depth = 10_000;
        CtyType type = CtyType.Number;
        for (int i = 0; i < depth; i++)
        {
            type = CtyType.List(type);
        }

        string json = new string('[', depth) + "1" + new string(']', depth);
        Assert.Throws<CtyDecodeException>(() => CtyJson.Decode(json, type));

        string wrappers = string.Concat(Enumerable.Repeat("{\"type\":\"dynamic\",\"value\":", depth)) + "null" + new string('}', depth);
        Assert.Throws<CtyDecodeException>(() => CtyJson.Decode(wrappers, CtyType.Dynamic));
    }

    [Fact]
    public void EveryTruncationFails()
    {
        CtyType type = CtyType.Object(("a", CtyType.List(CtyType.Dynamic)), ("b", CtyType.Map(CtyType.String)));
        CtyValue value = CtyValue.Object(
            ("a", CtyValue.List(CtyType.Number, CtyValue.Number(1), CtyValue.ParseNumber("2.5e-3"))),
            ("b", CtyValue.Map(CtyType.String, [new("k", CtyValue.String("v\u00e9"))])));
        byte[] full = CtyJson.Encode(value, type);
        Assert.Equal(value, CtyJson.Decode(full, type));
        for (int length = 0; length < full.Length; length++)
        {
            byte[] prefix = full[..length];
            Assert.Throws<CtyDecodeException>(() => CtyJson.Decode(prefix, type));
        }
    }
}
