namespace Immutable.Cty.Tests;

/// <summary>
/// JSON vectors from go-cty cty/json/value_test.go (TestValueJSONable) and hashicorp/terraform-plugin-go
/// tftypes/value_json_test.go (TestValueFromJSON), as noted per case.
/// </summary>
public class JsonGoldenTests
{
    private static readonly CtyType StaticDynamic = CtyType.Object(("static", CtyType.Bool), ("dynamic", CtyType.Dynamic));
    private static readonly CtyValue StaticDynamicValue = CtyValue.Object(("static", CtyValue.True), ("dynamic", CtyValue.True));

    // Value, type and exact JSON text: these must encode to the text and decode back.
    public static TheoryData<string, CtyValue, CtyType, string> Exact => new()
    {
        // go-cty value_test.go primitives
        { "go-cty hello", CtyValue.String("hello"), CtyType.String, "\"hello\"" },
        { "go-cty empty string", CtyValue.String(string.Empty), CtyType.String, "\"\"" },
        { "go-cty null string", CtyValue.Null(CtyType.String), CtyType.String, "null" },
        { "go-cty int", CtyValue.Number(2), CtyType.Number, "2" },
        { "go-cty float", CtyValue.Number(2.5), CtyType.Number, "2.5" },
        { "go-cty true", CtyValue.True, CtyType.Bool, "true" },
        { "go-cty false", CtyValue.False, CtyType.Bool, "false" },

        // go-cty value_test.go collections
        { "go-cty list", CtyValue.List(CtyType.Bool, CtyValue.True, CtyValue.False), CtyType.List(CtyType.Bool), "[true,false]" },
        { "go-cty empty list", CtyValue.List(CtyType.Bool), CtyType.List(CtyType.Bool), "[]" },
        { "go-cty set (sorted false first)", CtyValue.Set(CtyType.Bool, CtyValue.True, CtyValue.False), CtyType.Set(CtyType.Bool), "[false,true]" },
        { "go-cty empty set", CtyValue.Set(CtyType.Bool), CtyType.Set(CtyType.Bool), "[]" },
        { "go-cty tuple", CtyValue.Tuple(CtyValue.True, CtyValue.Number(5)), CtyType.Tuple(CtyType.Bool, CtyType.Number), "[true,5]" },
        { "go-cty empty tuple", CtyValue.EmptyTuple, CtyType.EmptyTuple, "[]" },
        { "go-cty empty map", CtyValue.Map(CtyType.Bool, []), CtyType.Map(CtyType.Bool), "{}" },
        { "go-cty map (sorted keys)", CtyValue.Map(CtyType.Bool, [new("yes", CtyValue.True), new("no", CtyValue.False)]), CtyType.Map(CtyType.Bool), "{\"no\":false,\"yes\":true}" },
        { "go-cty null map", CtyValue.Null(CtyType.Map(CtyType.Bool)), CtyType.Map(CtyType.Bool), "null" },
        { "go-cty empty object", CtyValue.EmptyObject, CtyType.EmptyObject, "{}" },
        { "go-cty object", CtyValue.Object(("bool", CtyValue.True), ("number", CtyValue.Number(0))), CtyType.Object(("bool", CtyType.Bool), ("number", CtyType.Number)), "{\"bool\":true,\"number\":0}" },

        // go-cty value_test.go "Encoding into dynamic produces type information wrapper"
        { "go-cty dynamic bool", CtyValue.True, CtyType.Dynamic, "{\"value\":true,\"type\":\"bool\"}" },
        { "go-cty dynamic string", CtyValue.String("hello"), CtyType.Dynamic, "{\"value\":\"hello\",\"type\":\"string\"}" },
        { "go-cty dynamic number", CtyValue.Number(5), CtyType.Dynamic, "{\"value\":5,\"type\":\"number\"}" },
        { "go-cty dynamic list", CtyValue.List(CtyType.Bool, CtyValue.True, CtyValue.False), CtyType.Dynamic, "{\"value\":[true,false],\"type\":[\"list\",\"bool\"]}" },
        { "go-cty list of dynamic", CtyValue.List(CtyType.Bool, CtyValue.True, CtyValue.False), CtyType.List(CtyType.Dynamic), "[{\"value\":true,\"type\":\"bool\"},{\"value\":false,\"type\":\"bool\"}]" },
        { "go-cty object with dynamic attribute", StaticDynamicValue, StaticDynamic, "{\"dynamic\":{\"value\":true,\"type\":\"bool\"},\"static\":true}" },
        { "go-cty dynamic object", StaticDynamicValue, CtyType.Dynamic, "{\"value\":{\"dynamic\":true,\"static\":true},\"type\":[\"object\",{\"dynamic\":\"bool\",\"static\":\"bool\"}]}" },

        // terraform-plugin-go value_json_test.go
        { "tfgo dynamic-set-of-bools", CtyValue.Set(CtyType.Bool, CtyValue.True, CtyValue.False), CtyType.Dynamic, "{\"value\":[false,true],\"type\":[\"set\",\"bool\"]}" },
        { "tfgo dynamic-tuple-of-bools", CtyValue.Tuple(CtyValue.True, CtyValue.False), CtyType.Dynamic, "{\"value\":[true,false],\"type\":[\"tuple\",[\"bool\",\"bool\"]]}" },
        { "tfgo tuple-of-dynamic-bools", CtyValue.Tuple(CtyValue.True, CtyValue.False), CtyType.Tuple(CtyType.Dynamic, CtyType.Dynamic), "[{\"value\":true,\"type\":\"bool\"},{\"value\":false,\"type\":\"bool\"}]" },
        { "tfgo dynamic-map-of-bools", CtyValue.Map(CtyType.Bool, [new("true", CtyValue.True), new("false", CtyValue.False)]), CtyType.Dynamic, "{\"value\":{\"false\":false,\"true\":true},\"type\":[\"map\",\"bool\"]}" },

        // Exact number text (go-cty writes Text('f', -1): no exponent).
        { "big integer", CtyValue.ParseNumber("9223372036854775808"), CtyType.Number, "9223372036854775808" },
        { "1e400", CtyValue.ParseNumber("1e400"), CtyType.Number, "1" + new string('0', 400) },
        { "0.1", CtyValue.ParseNumber("0.1"), CtyType.Number, "0.1" },
        { "negative zero", CtyValue.Number(CtyNumber.NegativeZero), CtyType.Number, "-0" },
        { "typed null in dynamic", CtyValue.Null(CtyType.String), CtyType.Dynamic, "{\"value\":null,\"type\":\"string\"}" },
        { "untyped null in dynamic", CtyValue.Null(CtyType.Dynamic), CtyType.Dynamic, "null" },
    };

    // JSON text that must decode to the value (go-cty/tftypes decoding conversions).
    public static TheoryData<string, string, CtyType, CtyValue> Decodes => new()
    {
        // go-cty value_test.go (older revision with DecVal) and tftypes "number-from-string"
        { "number from string", "\"5\"", CtyType.Number, CtyValue.Number(5) },
        { "number from string 15", "\"15\"", CtyType.Number, CtyValue.Number(15) },
        // tftypes "bool-from-string", "bool-from-string_int"; go-cty convert accepts "1" and "0"
        { "bool from \"true\"", "\"true\"", CtyType.Bool, CtyValue.True },
        { "bool from \"1\"", "\"1\"", CtyType.Bool, CtyValue.True },
        { "bool from \"0\"", "\"0\"", CtyType.Bool, CtyValue.False },
        // tftypes "string-from-number", "string-from-bool"
        { "string from number", "15", CtyType.String, CtyValue.String("15") },
        { "string from bool", "true", CtyType.String, CtyValue.String("true") },
        { "string keeps number text", "1.50e3", CtyType.String, CtyValue.String("1.50e3") },
        // tftypes "list-of-bools-from-strings"
        { "list of bools from strings", "[\"true\",\"false\"]", CtyType.List(CtyType.Bool), CtyValue.List(CtyType.Bool, CtyValue.True, CtyValue.False) },
        // tftypes "map-of-dynamic-bools"
        { "map of dynamic", "{\"true\":{\"value\":true,\"type\":\"bool\"},\"false\":{\"value\":false,\"type\":\"bool\"}}", CtyType.Map(CtyType.Dynamic), CtyValue.Map(CtyType.Bool, [new("true", CtyValue.True), new("false", CtyValue.False)]) },
        // ctyjson fills missing attributes with null
        { "missing attribute is null", "{\"bool\":true}", CtyType.Object(("bool", CtyType.Bool), ("number", CtyType.Number)), CtyValue.Object(("bool", CtyValue.True), ("number", CtyValue.Null(CtyType.Number))) },
        // the type may come after the value
        { "dynamic type first", "{\"type\":\"number\",\"value\":5}", CtyType.Dynamic, CtyValue.Number(5) },
        { "exponent number", "1e400", CtyType.Number, CtyValue.ParseNumber("1e400") },
        { "whitespace", " [ 1 , 2 ] ", CtyType.List(CtyType.Number), CtyValue.List(CtyType.Number, CtyValue.Number(1), CtyValue.Number(2)) },
        { "set duplicates collapse", "[1,1,2]", CtyType.Set(CtyType.Number), CtyValue.Set(CtyType.Number, CtyValue.Number(1), CtyValue.Number(2)) },
        { "nfc", "\"e\\u0301\"", CtyType.String, CtyValue.String("\u00e9") },
    };

    [Theory]
    [MemberData(nameof(Exact))]
    public void EncodesExactly(string name, CtyValue value, CtyType type, string json)
    {
        Assert.True(CtyJson.EncodeToString(value, type) == json, $"{name}: got {CtyJson.EncodeToString(value, type)}");
    }

    [Theory]
    [MemberData(nameof(Exact))]
    public void DecodesExactVectors(string name, CtyValue value, CtyType type, string json)
    {
        CtyValue got = CtyJson.Decode(json, type);
        Assert.True(value.Equals(got), $"{name}: expected {value}, got {got}");
    }

    [Theory]
    [MemberData(nameof(Decodes))]
    public void DecodesWithConversions(string name, string json, CtyType type, CtyValue expected)
    {
        CtyValue got = CtyJson.Decode(json, type);
        Assert.True(expected.Equals(got), $"{name}: expected {expected}, got {got}");
    }

    [Fact]
    public void IgnoreUnknownAttributesForStateUpgrade()
    {
        // tftypes TestValueFromJSONWithOpts "object-with-missing-attribute" (IgnoreUndefinedAttributes).
        CtyType type = CtyType.Object(("bool", CtyType.Bool), ("number", CtyType.Number));
        const string json = "{\"bool\":true,\"number\":0,\"unknown\":\"whatever\"}";
        Assert.Equal(CtyValue.Object(("bool", CtyValue.True), ("number", CtyValue.Number(0))), CtyJson.Decode(json, type, ignoreUnknownAttributes: true));

        // Without the option it is an error (tftypes "object-attribute-key-missing-error").
        var ex = Assert.Throws<CtyDecodeException>(() => CtyJson.Decode("{\"not-test\": \"test-value\"}", CtyType.Object(("test", CtyType.String))));
        Assert.Contains("unsupported attribute \"not-test\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IgnoreUnknownAttributesAppliesAtEveryLevel()
    {
        // State from an older schema: "old" was removed everywhere and "added" is new.
        CtyType type = CtyType.Object(
            ("id", CtyType.String),
            ("added", CtyType.String),
            ("rule", CtyType.List(CtyType.Object(("port", CtyType.Number), ("added", CtyType.Bool)))));
        const string json = "{\"id\":\"x\",\"old\":{\"a\":[1,2,{\"b\":null}]},\"rule\":[{\"port\":80,\"old\":true}]}";
        CtyValue got = CtyJson.Decode(json, type, ignoreUnknownAttributes: true);
        CtyValue expected = CtyValue.Object(
            ("id", CtyValue.String("x")),
            ("added", CtyValue.Null(CtyType.String)),
            ("rule", CtyValue.List(
                CtyType.Object(("port", CtyType.Number), ("added", CtyType.Bool)),
                CtyValue.Object(("port", CtyValue.Number(80)), ("added", CtyValue.Null(CtyType.Bool))))));
        Assert.Equal(expected, got);
    }

    [Fact]
    public void UnknownValuesCannotBeEncoded()
    {
        CtyType type = CtyType.Object(("a", CtyType.List(CtyType.String)));
        CtyValue value = CtyValue.Object(("a", CtyValue.List(CtyType.String, CtyValue.String("x"), CtyValue.Unknown(CtyType.String))));
        var ex = Assert.Throws<CtyEncodeException>(() => CtyJson.Encode(value, type));
        Assert.Equal("a[1]", ex.Path.ToString());
        Assert.Contains("not known", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CtyEncodeException>(() => CtyJson.Encode(CtyValue.Number(CtyNumber.PositiveInfinity), CtyType.Number));
        Assert.Throws<CtyEncodeException>(() => CtyJson.Encode(CtyValue.Unknown(CtyType.String), CtyType.Dynamic));
    }

    [Fact]
    public void BoolFromJsonNumberIsRejectedLikeCtyJson()
    {
        // tftypes accepts 1 for a bool ("bool-from-int"), but go-cty's ctyjson only converts strings; we follow ctyjson.
        Assert.Throws<CtyDecodeException>(() => CtyJson.Decode("1", CtyType.Bool));
    }

    [Fact]
    public void StringsEscapeOnlyWhatJsonRequires()
    {
        string json = CtyJson.EncodeToString(CtyValue.String("a\"b\\c\nd\u0001 caf\u00e9 <&>"), CtyType.String);
        Assert.Equal("\"a\\\"b\\\\c\\nd\\u0001 caf\u00e9 <&>\"", json);
        Assert.Equal(CtyValue.String("a\"b\\c\nd\u0001 caf\u00e9 <&>"), CtyJson.Decode(json, CtyType.String));
    }
}
