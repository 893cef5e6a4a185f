using System.Numerics;

namespace Immutable.Cty.Tests;

public class CtyNumberTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "-0")]
    [InlineData("0.1", "0.1")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    [InlineData("-1.50", "-1.5")]
    [InlineData("+12", "12")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("1.25E-3", "0.00125")]
    [InlineData("00012.3400", "12.34")]
    [InlineData("Inf", "+Inf")]
    [InlineData("-inf", "-Inf")]
    public void ParsesAndPrintsExactly(string text, string printed)
    {
        Assert.Equal(printed, CtyNumber.Parse(text).ToString());
    }

    [Fact]
    public void HugeExponentsPrintInFull()
    {
        // go-cty's Text('f', -1) never uses exponent notation.
        Assert.Equal("1" + new string('0', 400), CtyNumber.Parse("1e400").ToString());
        Assert.Equal("0." + new string('0', 399) + "1", CtyNumber.Parse("1e-400").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("0x10")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1_000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e2000000")]
    public void RejectsInvalidText(string text)
    {
        Assert.False(CtyNumber.TryParse(text, out _));
    }

    [Fact]
    public void EqualityIsNumeric()
    {
        Assert.Equal(CtyNumber.Parse("1.0"), CtyNumber.Parse("1"));
        Assert.Equal(CtyNumber.Parse("100"), CtyNumber.Parse("1e2"));
        Assert.Equal(CtyNumber.Zero, CtyNumber.NegativeZero);
        Assert.Equal(CtyNumber.Zero.GetHashCode(), CtyNumber.NegativeZero.GetHashCode());
        Assert.NotEqual(CtyNumber.PositiveInfinity, CtyNumber.NegativeInfinity);
        Assert.True(CtyNumber.NegativeZero.IsNegativeZero);
        Assert.Equal((CtyNumber)1, CtyNumber.One);
    }

    [Fact]
    public void Ordering()
    {
        CtyNumber[] sorted =
        [
            CtyNumber.NegativeInfinity, CtyNumber.Parse("-1e400"), -5, CtyNumber.Parse("-0.001"), CtyNumber.Zero,
            CtyNumber.Parse("0.00099"), CtyNumber.Parse("0.001"), 1, CtyNumber.Parse("1.000001"), 10, CtyNumber.Parse("1e400"), CtyNumber.PositiveInfinity,
        ];
        for (int i = 0; i < sorted.Length; i++)
        {
            for (int j = 0; j < sorted.Length; j++)
            {
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(sorted[i].CompareTo(sorted[j])));
            }
        }

        Assert.True(CtyNumber.NegativeZero.CompareTo(CtyNumber.Zero) == 0);
    }

    [Fact]
    public void IntegerConversions()
    {
        Assert.True(CtyNumber.Parse("9223372036854775807").TryGetInt64(out long max));
        Assert.Equal(long.MaxValue, max);
        Assert.False(CtyNumber.Parse("9223372036854775808").TryGetInt64(out _));
        Assert.True(CtyNumber.Parse("-9223372036854775808").TryGetInt64(out long min));
        Assert.Equal(long.MinValue, min);
        Assert.False(CtyNumber.Parse("1.5").TryGetInt64(out _));
        Assert.True(CtyNumber.Parse("1.5e1").TryGetInt64(out long fifteen));
        Assert.Equal(15, fifteen);
        Assert.True(CtyNumber.Parse("1e30").TryGetBigInteger(out BigInteger big));
        Assert.Equal(BigInteger.Pow(10, 30), big);
        Assert.False(CtyNumber.PositiveInfinity.TryGetInt64(out _));
        Assert.True(CtyNumber.Parse("-12").TryGetInt32(out int i32));
        Assert.Equal(-12, i32);
    }

    [Fact]
    public void DoubleConversions()
    {
        Assert.Equal(0.1, CtyNumber.Parse("0.1").ToDouble());
        Assert.Equal(double.PositiveInfinity, CtyNumber.Parse("1e400").ToDouble());
        Assert.Equal(double.NegativeInfinity, CtyNumber.NegativeInfinity.ToDouble());
        Assert.True(double.IsNegative(CtyNumber.NegativeZero.ToDouble()));

        // Shortest round-trip: a provider's 0.1 literal means decimal 0.1.
        Assert.Equal("0.1", CtyNumber.FromDouble(0.1).ToString());
        Assert.Equal("0.00001", CtyNumber.FromDouble(1e-5).ToString());
        Assert.Equal("-0", CtyNumber.FromDouble(-0.0).ToString());
        Assert.Throws<ArgumentException>(() => CtyNumber.FromDouble(double.NaN));

        // Exact binary value.
        Assert.Equal("0.1000000000000000055511151231257827021181583404541015625", CtyNumber.FromDoubleExact(0.1).ToString());
        Assert.Equal("1.5", CtyNumber.FromDoubleExact(1.5).ToString());

        Assert.True(CtyNumber.Parse("0.5").TryGetExactDouble(out double half));
        Assert.Equal(0.5, half);
        Assert.False(CtyNumber.Parse("0.1").TryGetExactDouble(out _));
        Assert.True(CtyNumber.FromDoubleExact(0.1).TryGetExactDouble(out double tenth));
        Assert.Equal(0.1, tenth);
        Assert.True(CtyNumber.FromDoubleExact(double.MaxValue).TryGetExactDouble(out double dmax));
        Assert.Equal(double.MaxValue, dmax);
        Assert.True(CtyNumber.FromDoubleExact(double.Epsilon).TryGetExactDouble(out double eps));
        Assert.Equal(double.Epsilon, eps);
        Assert.False(CtyNumber.Parse("9223372036854775809").TryGetExactDouble(out _));
        Assert.False(CtyNumber.Parse("1e400").TryGetExactDouble(out _));
    }

    [Fact]
    public void DecimalConversions()
    {
        Assert.Equal("12.3400", 12.3400m.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("12.34", ((CtyNumber)12.3400m).ToString());
        Assert.True(CtyNumber.Parse("79228162514264337593543950335").TryGetDecimal(out decimal dmax));
        Assert.Equal(decimal.MaxValue, dmax);
        Assert.False(CtyNumber.Parse("79228162514264337593543950336").TryGetDecimal(out _));
        Assert.True(CtyNumber.Parse("-0.0000000000000000000000000001").TryGetDecimal(out decimal tiny));
        Assert.Equal(-0.0000000000000000000000000001m, tiny);
        Assert.Equal("-0", ((CtyNumber)(-0.0m)).ToString());
    }

    [Fact]
    public void Utf8Parsing()
    {
        Assert.True(CtyNumber.TryParse("123.5"u8, out CtyNumber n));
        Assert.Equal(CtyNumber.Parse("123.5"), n);
        Assert.False(CtyNumber.TryParse("12\u00e9"u8, out _));
    }
}
