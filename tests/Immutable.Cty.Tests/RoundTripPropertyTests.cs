namespace Immutable.Cty.Tests;

/// <summary>
/// Property-style tests: random nested types and conforming values must survive encode/decode unchanged
/// with both codecs. Seeds are fixed so failures reproduce.
/// </summary>
public class RoundTripPropertyTests
{
    private const int Iterations = 400;

    [Fact]
    public void MsgPackRoundTripsRandomValues()
    {
        for (int seed = 0; seed < Iterations; seed++)
        {
            var gen = new Generator(seed, allowUnknown: true);
            CtyType constraint = gen.Type(3);
            CtyValue value = gen.Value(gen.Instance(constraint), constraint, 3);
            byte[] bytes = CtyMsgPack.Encode(value, constraint);
            CtyValue got = CtyMsgPack.Decode(bytes, constraint);
            Assert.True(value.Equals(got), $"seed {seed}: {value} as {constraint}\nbytes {Hex.Of(bytes)}\ngot {got}");
            Assert.Equal(bytes, CtyMsgPack.Encode(got, constraint));
        }
    }

    [Fact]
    public void JsonRoundTripsRandomValues()
    {
        for (int seed = 0; seed < Iterations; seed++)
        {
            var gen = new Generator(seed, allowUnknown: false);
            CtyType constraint = gen.Type(3);
            CtyValue value = gen.Value(gen.Instance(constraint), constraint, 3);
            byte[] bytes = CtyJson.Encode(value, constraint);
            CtyValue got = CtyJson.Decode(bytes, constraint);
            Assert.True(value.Equals(got), $"seed {seed}: {value} as {constraint}\njson {System.Text.Encoding.UTF8.GetString(bytes)}\ngot {got}");
            Assert.Equal(bytes, CtyJson.Encode(got, constraint));
        }
    }

    [Fact]
    public void TypeJsonRoundTripsRandomTypes()
    {
        for (int seed = 0; seed < Iterations; seed++)
        {
            CtyType type = new Generator(seed, allowUnknown: false).Type(4);
            Assert.Equal(type, CtyType.ParseJson(type.ToJson()));
        }
    }

    [Fact]
    public void SetEqualityIgnoresInsertionOrder()
    {
        for (int seed = 0; seed < Iterations; seed++)
        {
            var gen = new Generator(seed, allowUnknown: true);
            CtyType elementType = gen.Instance(gen.Type(2));
            CtyValue[] elements = [.. Enumerable.Range(0, gen.Next(6)).Select(_ => gen.Value(elementType, elementType, 2))];
            CtyValue forward = CtyValue.Set(elementType, elements);
            CtyValue backward = CtyValue.Set(elementType, elements.Reverse());
            Assert.True(forward.Equals(backward), $"seed {seed}: {forward} vs {backward}");
            Assert.Equal(forward.GetHashCode(), backward.GetHashCode());
            Assert.Equal(CtyMsgPack.Encode(forward, CtyType.Set(elementType)), CtyMsgPack.Encode(backward, CtyType.Set(elementType)));
        }
    }

    internal sealed class Generator
    {
        private static readonly string[] Words = ["", "a", "hello", "h\u00e9llo", "e\u0301", "\U0001F937", "x y", "quote\"s", "line\nbreak", "\u65e5\u672c", "tab\t", "\u0000nul"];
        private static readonly string[] Numbers = ["0", "-0", "1", "-1", "0.1", "0.8", "1.5", "-2.25", "1e400", "-1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "3.14159265358979323846264338327950288419716939937510"];

        private readonly Random _random;
        private readonly bool _allowUnknown;

        public Generator(int seed, bool allowUnknown)
        {
            _random = new Random(seed);
            _allowUnknown = allowUnknown;
        }

        public int Next(int max) => _random.Next(max);

        /// <summary>A type constraint, possibly containing dynamic and optional attributes.</summary>
        public CtyType Type(int depth)
        {
            int pick = _random.Next(depth <= 0 ? 4 : 9);
            switch (pick)
            {
                case 0:
                    return CtyType.String;
                case 1:
                    return CtyType.Number;
                case 2:
                    return CtyType.Bool;
                case 3:
                    return _random.Next(3) == 0 ? CtyType.Dynamic : CtyType.String;
                case 4:
                    return CtyType.List(Type(depth - 1));
                case 5:
                    return CtyType.Set(Type(depth - 1));
                case 6:
                    return CtyType.Map(Type(depth - 1));
                case 7:
                    var attrs = Enumerable.Range(0, _random.Next(4)).Select(i => new KeyValuePair<string, CtyType>("attr_" + i, Type(depth - 1))).ToList();
                    var optional = attrs.Where(_ => _random.Next(3) == 0).Select(a => a.Key).ToList();
                    return CtyType.Object(attrs, optional);
                default:
                    return CtyType.Tuple(Enumerable.Range(0, _random.Next(3)).Select(_ => Type(depth - 1)));
            }
        }

        /// <summary>A concrete type for values of <paramref name="constraint"/>: every dynamic replaced, consistently per collection.</summary>
        public CtyType Instance(CtyType constraint) => constraint switch
        {
            { IsDynamic: true } => Type(1) is { IsDynamic: true } ? CtyType.String : Instance(Type(1)),
            CtyListType l => CtyType.List(Instance(l.ElementType)),
            CtySetType s => CtyType.Set(Instance(s.ElementType)),
            CtyMapType m => CtyType.Map(Instance(m.ElementType)),
            CtyObjectType o => CtyType.Object(o.AttributeNames.Select(n => new KeyValuePair<string, CtyType>(n, Instance(o.AttributeTypes[n])))),
            CtyTupleType t => CtyType.Tuple(t.ElementTypes.Select(Instance)),
            _ => constraint,
        };

        /// <summary>
        /// A value of type <paramref name="type"/> to be encoded as <paramref name="constraint"/>. Where the constraint
        /// contains dynamic without being dynamic, the wire does not carry the concrete type, so such positions
        /// get only known, non-null, non-empty values (whose types the decoder can rediscover).
        /// </summary>
        public CtyValue Value(CtyType type, CtyType constraint, int depth)
        {
            bool typePreserving = constraint.ContainsDynamic && !constraint.IsDynamic;
            if (!typePreserving)
            {
                int roll = _random.Next(12);
                if (roll == 0)
                {
                    return CtyValue.Null(constraint.IsDynamic && _random.Next(2) == 0 ? CtyType.Dynamic : type);
                }

                if (roll == 1 && _allowUnknown)
                {
                    return Unknown(type);
                }
            }

            if (constraint.IsDynamic)
            {
                // The wrapper carries the concrete type, so below it the value's own type is the constraint.
                constraint = type;
            }

            switch (type)
            {
                case { Kind: CtyTypeKind.String }:
                    return CtyValue.String(Words[_random.Next(Words.Length)]);
                case { Kind: CtyTypeKind.Bool }:
                    return CtyValue.Bool(_random.Next(2) == 0);
                case { Kind: CtyTypeKind.Number }:
                    return RandomNumber();
                case CtyCollectionType c:
                    CtyType elementConstraint = ((CtyCollectionType)constraint).ElementType;
                    int count = _random.Next(typePreserving ? 1 : 0, 4);
                    CtyValue[] items = [.. Enumerable.Range(0, count).Select(_ => Value(c.ElementType, elementConstraint, depth - 1))];
                    return c.Kind switch
                    {
                        CtyTypeKind.List => CtyValue.List(c.ElementType, items),
                        CtyTypeKind.Set => CtyValue.Set(c.ElementType, items),
                        _ => CtyValue.Map(c.ElementType, items.Select((v, i) => new KeyValuePair<string, CtyValue>(i + Words[_random.Next(Words.Length)], v))),
                    };
                case CtyObjectType o:
                    var oc = (CtyObjectType)constraint;
                    return CtyValue.Object(o.AttributeNames.Select(n => new KeyValuePair<string, CtyValue>(n, Value(o.AttributeTypes[n], oc.AttributeTypes[n], depth - 1))));
                case CtyTupleType t:
                    var tc = (CtyTupleType)constraint;
                    return CtyValue.Tuple(t.ElementTypes.Select((e, i) => Value(e, tc.ElementTypes[i], depth - 1)));
                default:
                    throw new InvalidOperationException(type.ToString());
            }
        }

        private CtyValue RandomNumber()
        {
            int roll = _random.Next(10);
            if (roll < 4)
            {
                return CtyValue.ParseNumber(Numbers[_random.Next(Numbers.Length)]);
            }

            if (roll < 6)
            {
                return CtyValue.Number(_random.NextInt64(long.MinValue, long.MaxValue));
            }

            if (roll < 8)
            {
                return CtyValue.Number((_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-30, 30)));
            }

            if (roll == 8 && _allowUnknown)
            {
                return CtyValue.Number(_random.Next(2) == 0 ? CtyNumber.PositiveInfinity : CtyNumber.NegativeInfinity);
            }

            return CtyValue.Number(CtyNumber.FromDoubleExact(_random.NextDouble()));
        }

        private CtyValue Unknown(CtyType type)
        {
            CtyValue unknown = CtyValue.Unknown(type);
            CtyRefinementBuilder b = unknown.Refine();
            if (_random.Next(2) == 0)
            {
                b.NotNull();
            }

            switch (type.Kind)
            {
                case CtyTypeKind.String when _random.Next(2) == 0:
                    b.StringPrefix(Words[_random.Next(Words.Length)] + "-");
                    break;
                case CtyTypeKind.Number when _random.Next(2) == 0:
                    b.NumberRangeLowerBound(CtyNumber.Parse(Numbers[_random.Next(4)]), _random.Next(2) == 0);
                    if (_random.Next(2) == 0)
                    {
                        b.NumberRangeUpperBound(CtyNumber.Parse("1e400"), _random.Next(2) == 0);
                    }

                    break;
                case CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map when _random.Next(2) == 0:
                    long min = _random.Next(3);
                    b.CollectionLengthLowerBound(min);
                    if (_random.Next(2) == 0)
                    {
                        b.CollectionLengthUpperBound(min + _random.Next(3));
                    }

                    break;
            }

            return b.NewValue();
        }
    }
}
