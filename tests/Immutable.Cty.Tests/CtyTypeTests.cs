namespace Immutable.Cty.Tests;

public class CtyTypeTests
{
    // go-cty cty/json_test.go TestTypeJSONable: type and its exact JSON.
    public static TheoryData<CtyType, string> JsonVectors => new()
    {
        { CtyType.String, "\"string\"" },
        { CtyType.Number, "\"number\"" },
        { CtyType.Bool, "\"bool\"" },
        { CtyType.List(CtyType.Bool), "[\"list\",\"bool\"]" },
        { CtyType.Map(CtyType.Bool), "[\"map\",\"bool\"]" },
        { CtyType.Set(CtyType.Bool), "[\"set\",\"bool\"]" },
        { CtyType.List(CtyType.Map(CtyType.Bool)), "[\"list\",[\"map\",\"bool\"]]" },
        { CtyType.Tuple(CtyType.Bool, CtyType.String), "[\"tuple\",[\"bool\",\"string\"]]" },
        { CtyType.Object(("bool", CtyType.Bool), ("string", CtyType.String)), "[\"object\",{\"bool\":\"bool\",\"string\":\"string\"}]" },
        { CtyType.Object([new("bool", CtyType.Bool), new("string", CtyType.String)], ["string", "bool"]), "[\"object\",{\"bool\":\"bool\",\"string\":\"string\"},[\"bool\",\"string\"]]" },
        { CtyType.Dynamic, "\"dynamic\"" },

        // Not in go-cty's test table, but the same rules: empty structures and deterministic attribute order.
        { CtyType.EmptyObject, "[\"object\",{}]" },
        { CtyType.EmptyTuple, "[\"tuple\",[]]" },
        { CtyType.Object(("z", CtyType.Number), ("a", CtyType.List(CtyType.Dynamic))), "[\"object\",{\"a\":[\"list\",\"dynamic\"],\"z\":\"number\"}]" },
    };

    [Theory]
    [MemberData(nameof(JsonVectors))]
    public void JsonRoundTrip(CtyType type, string json)
    {
        Assert.Equal(json, type.ToJson());
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(type.ToJsonBytes()));
        CtyType parsed = CtyType.ParseJson(json);
        Assert.Equal(type, parsed);
        Assert.Equal(type.GetHashCode(), parsed.GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"strin\"")]
    [InlineData("\"string\" \"string\"")]
    [InlineData("[\"list\"]")]
    [InlineData("[\"list\",\"string\",\"string\"]")]
    [InlineData("[\"lists\",\"string\"]")]
    [InlineData("[1,\"string\"]")]
    [InlineData("[\"object\",[\"string\"]]")]
    [InlineData("[\"object\",{\"a\":\"string\"},[\"b\"]]")]
    [InlineData("[\"object\",{\"a\":\"string\"},[1]]")]
    [InlineData("[\"tuple\",{}]")]
    [InlineData("{\"list\":\"string\"}")]
    [InlineData("5")]
    [InlineData("[\"map\",\"string\"")]
    public void InvalidJsonIsRejected(string json)
    {
        Assert.Throws<CtyDecodeException>(() => CtyType.ParseJson(json));
    }

    [Fact]
    public void StructuralEquality()
    {
        Assert.Equal(CtyType.List(CtyType.Object(("a", CtyType.String))), CtyType.List(CtyType.Object(("a", CtyType.String))));
        Assert.NotEqual<CtyType>(CtyType.List(CtyType.String), CtyType.Set(CtyType.String));
        Assert.NotEqual<CtyType>(CtyType.Object(("a", CtyType.String)), CtyType.Object(("a", CtyType.Number)));
        Assert.NotEqual<CtyType>(CtyType.Object(("a", CtyType.String)), CtyType.Object([new("a", CtyType.String)], ["a"]));
        Assert.NotEqual<CtyType>(CtyType.Tuple(CtyType.String), CtyType.Tuple(CtyType.String, CtyType.String));
        Assert.Equal<CtyType>(CtyType.EmptyObject, CtyType.Object());
    }

    [Fact]
    public void ObjectAttributesAreSortedByCodePoint()
    {
        // U+FF21 (fullwidth A) sorts before U+1F600 in UTF-8 byte order, unlike UTF-16 ordinal order.
        CtyObjectType t = CtyType.Object(("\U0001F600", CtyType.String), ("\uFF21", CtyType.String), ("b", CtyType.String), ("B", CtyType.String));
        Assert.Equal(["B", "b", "\uFF21", "\U0001F600"], t.AttributeNames);
    }

    [Fact]
    public void ObjectAttributeNamesAreNormalized()
    {
        CtyObjectType t = CtyType.Object(("caf" + "e\u0301", CtyType.String));
        Assert.Equal("caf\u00e9", t.AttributeNames[0]);
        Assert.True(t.HasAttribute("caf" + "e\u0301"));
    }

    [Fact]
    public void InvalidConstructionIsRejected()
    {
        Assert.Throws<ArgumentException>(() => CtyType.Object(("a", CtyType.String), ("a", CtyType.Number)));
        Assert.Throws<ArgumentException>(() => CtyType.Object([new("a", CtyType.String)], ["b"]));
    }

    [Fact]
    public void Conformance()
    {
        Assert.True(CtyType.List(CtyType.String).ConformsTo(CtyType.List(CtyType.Dynamic)));
        Assert.True(CtyType.String.ConformsTo(CtyType.Dynamic));
        Assert.True(CtyType.Dynamic.ConformsTo(CtyType.String));
        Assert.False(CtyType.List(CtyType.String).ConformsTo(CtyType.Set(CtyType.String)));
        Assert.True(CtyType.Object(("a", CtyType.String)).ConformsTo(CtyType.Object([new("a", CtyType.String)], ["a"])));
        Assert.False(CtyType.Object(("a", CtyType.String)).ConformsTo(CtyType.Object(("a", CtyType.String), ("b", CtyType.String))));
        Assert.True(CtyType.Tuple(CtyType.String, CtyType.Bool).ConformsTo(CtyType.Tuple(CtyType.Dynamic, CtyType.Bool)));
    }

    [Fact]
    public void Descriptions()
    {
        CtyType t = CtyType.Object([new("a", CtyType.List(CtyType.Number)), new("b", CtyType.Tuple(CtyType.Bool, CtyType.Dynamic))], ["b"]);
        Assert.Equal("object({a = list(number), b = optional(tuple([bool, dynamic]))})", t.ToString());
        Assert.Equal("list of string", CtyType.List(CtyType.String).FriendlyName);
        Assert.True(t.ContainsDynamic);
        Assert.False(CtyType.Map(CtyType.String).ContainsDynamic);
        Assert.Equal(CtyType.Object(("a", CtyType.List(CtyType.Number)), ("b", CtyType.Tuple(CtyType.Bool, CtyType.Dynamic))), t.WithoutOptionalAttributes());
    }
}
