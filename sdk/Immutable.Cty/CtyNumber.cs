using System.Globalization;
using System.Numerics;
using System.Text;

namespace Immutable.Cty;

/// <summary>
/// An exact decimal number, the value space of cty's <c>number</c> type: <see cref="Mantissa"/> × 10^<see cref="Exponent"/>,
/// plus positive and negative infinity and a negative zero. go-cty uses 512-bit binary floats; a decimal
/// representation holds every value Terraform sends (<c>0.1</c>, <c>1e400</c>, <c>9223372036854775808</c>, <c>-0</c>)
/// exactly and prints it back unchanged.
/// </summary>
/// <remarks>
/// The mantissa is kept without trailing decimal zeros, so equal numbers have equal representations.
/// Negative zero compares equal to zero, as big.Float does.
/// </remarks>
public readonly partial struct CtyNumber : IEquatable<CtyNumber>, IComparable<CtyNumber>, IComparable
{
    // Bounds that keep arithmetic and printing cheap; far beyond anything Terraform produces
    // (a float64 needs at most 767 significant digits and exponents down to -1074).
    internal const int MaxSignificantDigits = 10_000;
    internal const int MaxExponentMagnitude = 1_000_000;

    private const byte FinitePositive = 0;
    private const byte NegativeZeroFlag = 1;
    private const byte PositiveInfinityFlag = 2;
    private const byte NegativeInfinityFlag = 3;

    private static readonly BigInteger Ten = new(10);

    private readonly BigInteger _mantissa;
    private readonly int _exponent;
    private readonly byte _special;

    private CtyNumber(BigInteger mantissa, int exponent, byte special)
    {
        _mantissa = mantissa;
        _exponent = exponent;
        _special = special;
    }

    /// <summary>Gets zero.</summary>
    public static CtyNumber Zero => default;

    /// <summary>Gets one.</summary>
    public static CtyNumber One { get; } = new(BigInteger.One, 0, FinitePositive);

    /// <summary>Gets negative zero, which equals <see cref="Zero"/> but prints as <c>-0</c>.</summary>
    public static CtyNumber NegativeZero { get; } = new(BigInteger.Zero, 0, NegativeZeroFlag);

    /// <summary>Gets positive infinity (go-cty's <c>cty.PositiveInfinity</c>).</summary>
    public static CtyNumber PositiveInfinity { get; } = new(BigInteger.Zero, 0, PositiveInfinityFlag);

    /// <summary>Gets negative infinity (go-cty's <c>cty.NegativeInfinity</c>).</summary>
    public static CtyNumber NegativeInfinity { get; } = new(BigInteger.Zero, 0, NegativeInfinityFlag);

    /// <summary>Gets the decimal mantissa (zero for infinities); never has trailing zeros.</summary>
    public BigInteger Mantissa => _mantissa;

    /// <summary>Gets the power of ten the mantissa is scaled by (zero for zero and infinities).</summary>
    public int Exponent => _exponent;

    /// <summary>Gets a value indicating whether the number is finite.</summary>
    public bool IsFinite => _special < PositiveInfinityFlag;

    /// <summary>Gets a value indicating whether the number is positive or negative infinity.</summary>
    public bool IsInfinity => _special >= PositiveInfinityFlag;

    /// <summary>Gets a value indicating whether the number is positive infinity.</summary>
    public bool IsPositiveInfinity => _special == PositiveInfinityFlag;

    /// <summary>Gets a value indicating whether the number is negative infinity.</summary>
    public bool IsNegativeInfinity => _special == NegativeInfinityFlag;

    /// <summary>Gets a value indicating whether the number is zero (of either sign).</summary>
    public bool IsZero => IsFinite && _mantissa.IsZero;

    /// <summary>Gets a value indicating whether the number is negative zero.</summary>
    public bool IsNegativeZero => _special == NegativeZeroFlag;

    /// <summary>Gets a value indicating whether the number is a whole number (infinities are not).</summary>
    public bool IsInteger => IsFinite && _exponent >= 0;

    /// <summary>Gets -1, 0 or 1 according to the sign; zero of either sign gives 0.</summary>
    public int Sign => _special switch
    {
        PositiveInfinityFlag => 1,
        NegativeInfinityFlag => -1,
        _ => _mantissa.Sign,
    };

    /// <summary>Converts an integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator CtyNumber(long value) => FromBigInteger(value);

    /// <summary>Converts an integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator CtyNumber(int value) => FromBigInteger(value);

    /// <summary>Converts an unsigned integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator CtyNumber(ulong value) => FromBigInteger(value);

    /// <summary>Converts a big integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator CtyNumber(BigInteger value) => FromBigInteger(value);

    /// <summary>Converts a decimal exactly.</summary>
    /// <param name="value">The decimal.</param>
    public static implicit operator CtyNumber(decimal value) => FromDecimal(value);

    /// <summary>Compares numerically.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator ==(CtyNumber left, CtyNumber right) => left.Equals(right);

    /// <summary>Compares numerically.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator !=(CtyNumber left, CtyNumber right) => !left.Equals(right);

    /// <summary>Compares numerically.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator <(CtyNumber left, CtyNumber right) => left.CompareTo(right) < 0;

    /// <summary>Compares numerically.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator >(CtyNumber left, CtyNumber right) => left.CompareTo(right) > 0;

    /// <summary>Compares numerically.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator <=(CtyNumber left, CtyNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Compares numerically.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator >=(CtyNumber left, CtyNumber right) => left.CompareTo(right) >= 0;

    /// <summary>Creates <paramref name="mantissa"/> × 10^<paramref name="exponent"/>.</summary>
    /// <param name="mantissa">The unscaled value.</param>
    /// <param name="exponent">The power of ten.</param>
    /// <returns>The number.</returns>
    /// <exception cref="OverflowException">The exponent is beyond the supported range.</exception>
    public static CtyNumber FromDecimalParts(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            return Zero;
        }

        // Strip trailing zeros so every value has one representation.
        long exp = exponent;
        while (true)
        {
            BigInteger q = BigInteger.DivRem(mantissa, Ten, out BigInteger r);
            if (!r.IsZero)
            {
                break;
            }

            mantissa = q;
            exp++;
        }

        if (Math.Abs(exp) > MaxExponentMagnitude)
        {
            throw new OverflowException("Number exponent is outside the supported range.");
        }

        return new CtyNumber(mantissa, (int)exp, FinitePositive);
    }

    /// <summary>Converts a big integer.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The number.</returns>
    public static CtyNumber FromBigInteger(BigInteger value) => FromDecimalParts(value, 0);

    /// <summary>Converts a <see cref="decimal"/> exactly.</summary>
    /// <param name="value">The decimal.</param>
    /// <returns>The number.</returns>
    public static CtyNumber FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        if (magnitude.IsZero)
        {
            return negative ? NegativeZero : Zero;
        }

        return FromDecimalParts(negative ? -magnitude : magnitude, -scale);
    }

    /// <summary>
    /// Converts a <see cref="double"/> to the shortest decimal that round-trips to it, so <c>0.1</c> becomes
    /// exactly 0.1. This is what a provider writing a literal means, and it encodes the way Terraform encodes the
    /// same literal from configuration.
    /// </summary>
    /// <param name="value">The double; NaN is rejected.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN, which cty cannot represent.</exception>
    public static CtyNumber FromDouble(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("NaN is not a valid cty number.", nameof(value));
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? PositiveInfinity : NegativeInfinity;
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? NegativeZero : Zero;
        }

        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Converts a <see cref="double"/> to the exact binary value it holds (0.1 becomes
    /// 0.1000000000000000055511151231257827021181583404541015625). The msgpack decoder uses this for float
    /// input so that a float Terraform sends is sent back bit-for-bit.
    /// </summary>
    /// <param name="value">The double; NaN is rejected.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public static CtyNumber FromDoubleExact(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("NaN is not a valid cty number.", nameof(value));
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? PositiveInfinity : NegativeInfinity;
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? NegativeZero : Zero;
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long significand;
        int binaryExponent;
        if (rawExponent == 0)
        {
            significand = fraction;
            binaryExponent = -1074;
        }
        else
        {
            significand = fraction | (1L << 52);
            binaryExponent = rawExponent - 1075;
        }

        while ((significand & 1) == 0)
        {
            significand >>= 1;
            binaryExponent++;
        }

        BigInteger mantissa = significand;
        int decimalExponent = 0;
        if (binaryExponent >= 0)
        {
            mantissa <<= binaryExponent;
        }
        else
        {
            // m × 2^-k = m × 5^k × 10^-k
            mantissa *= BigInteger.Pow(5, -binaryExponent);
            decimalExponent = binaryExponent;
        }

        return FromDecimalParts(negative ? -mantissa : mantissa, decimalExponent);
    }

    /// <summary>Gets the value as a 64-bit integer when it is a whole number in range.</summary>
    /// <param name="value">The integer.</param>
    /// <returns><see langword="true"/> when the number is a whole number that fits.</returns>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (!IsInteger || _exponent > 18)
        {
            return false;
        }

        BigInteger whole = _exponent == 0 ? _mantissa : _mantissa * BigInteger.Pow(Ten, _exponent);
        if (whole < long.MinValue || whole > long.MaxValue)
        {
            return false;
        }

        value = (long)whole;
        return true;
    }

    /// <summary>Gets the value as a 32-bit integer when it is a whole number in range.</summary>
    /// <param name="value">The integer.</param>
    /// <returns><see langword="true"/> when the number is a whole number that fits.</returns>
    public bool TryGetInt32(out int value)
    {
        if (TryGetInt64(out long l) && l >= int.MinValue && l <= int.MaxValue)
        {
            value = (int)l;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Gets the value as a big integer when it is a whole number.</summary>
    /// <param name="value">The integer.</param>
    /// <returns><see langword="true"/> when the number is whole.</returns>
    public bool TryGetBigInteger(out BigInteger value)
    {
        if (!IsInteger)
        {
            value = BigInteger.Zero;
            return false;
        }

        value = _exponent == 0 ? _mantissa : _mantissa * BigInteger.Pow(Ten, _exponent);
        return true;
    }

    /// <summary>Gets the value as a <see cref="decimal"/> when that represents it exactly.</summary>
    /// <param name="value">The decimal.</param>
    /// <returns><see langword="true"/> when the conversion is exact.</returns>
    public bool TryGetDecimal(out decimal value)
    {
        value = 0m;
        if (!IsFinite)
        {
            return false;
        }

        if (IsZero)
        {
            return true;
        }

        if (_exponent < -28 || DigitCount(_mantissa) + Math.Max(_exponent, 0) > 29)
        {
            return false;
        }

        return decimal.TryParse(ToScientific(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && FromDecimal(value) == this;
    }

    /// <summary>Converts to the nearest <see cref="double"/> (infinity when out of range).</summary>
    /// <returns>The double.</returns>
    public double ToDouble()
    {
        switch (_special)
        {
            case PositiveInfinityFlag:
                return double.PositiveInfinity;
            case NegativeInfinityFlag:
                return double.NegativeInfinity;
            case NegativeZeroFlag:
                return -0.0;
        }

        if (_mantissa.IsZero)
        {
            return 0.0;
        }

        // Parsing is correctly rounded for any input length.
        return double.Parse(ToScientific(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Gets the value as a <see cref="double"/> only when the double holds it exactly.</summary>
    /// <param name="value">The double.</param>
    /// <returns><see langword="true"/> when the conversion loses nothing.</returns>
    public bool TryGetExactDouble(out double value)
    {
        value = 0;
        if (!IsFinite || IsZero)
        {
            value = ToDouble();
            return true;
        }

        if (_exponent < 0)
        {
            int k = -_exponent;

            // m / 10^k is a binary fraction only when 5^k divides m.
            if (k > 1100 || !BigInteger.Remainder(_mantissa, BigInteger.Pow(5, k)).IsZero)
            {
                return false;
            }
        }
        else if (DigitCount(_mantissa) + _exponent > 309)
        {
            return false;
        }

        double candidate = ToDouble();
        if (double.IsInfinity(candidate) || FromDoubleExact(candidate) != this)
        {
            return false;
        }

        value = candidate;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(CtyNumber other)
    {
        if (IsInfinity || other.IsInfinity)
        {
            return _special == other._special;
        }

        return _exponent == other._exponent && _mantissa.Equals(other._mantissa);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CtyNumber n && Equals(n);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (IsInfinity)
        {
            return _special;
        }

        return HashCode.Combine(_mantissa, _exponent);
    }

    /// <inheritdoc />
    public int CompareTo(CtyNumber other)
    {
        int rankA = Rank();
        int rankB = other.Rank();
        if (rankA != rankB || rankA != 0)
        {
            return rankA.CompareTo(rankB);
        }

        int signA = _mantissa.Sign;
        int signB = other._mantissa.Sign;
        if (signA != signB)
        {
            return signA.CompareTo(signB);
        }

        if (signA == 0 || _exponent == other._exponent)
        {
            return _mantissa.CompareTo(other._mantissa);
        }

        // Compare the position of the leading digit first so only close values need scaling.
        long leadA = (long)DigitCount(_mantissa) + _exponent;
        long leadB = (long)DigitCount(other._mantissa) + other._exponent;
        if (leadA != leadB)
        {
            return signA * leadA.CompareTo(leadB);
        }

        int common = Math.Min(_exponent, other._exponent);
        BigInteger a = _mantissa * BigInteger.Pow(Ten, _exponent - common);
        BigInteger b = other._mantissa * BigInteger.Pow(Ten, other._exponent - common);
        return a.CompareTo(b);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        CtyNumber n => CompareTo(n),
        _ => throw new ArgumentException("Object is not a CtyNumber.", nameof(obj)),
    };

    /// <summary>
    /// Formats the number in plain positional notation without an exponent, as go-cty's
    /// <c>Text('f', -1)</c>: <c>1000</c>, <c>0.001</c>, <c>-0</c>, <c>+Inf</c>, <c>-Inf</c>.
    /// </summary>
    /// <returns>The decimal text.</returns>
    public override string ToString()
    {
        switch (_special)
        {
            case PositiveInfinityFlag:
                return "+Inf";
            case NegativeInfinityFlag:
                return "-Inf";
            case NegativeZeroFlag:
                return "-0";
        }

        if (_mantissa.IsZero)
        {
            return "0";
        }

        string digits = BigInteger.Abs(_mantissa).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(digits.Length + Math.Abs(_exponent) + 3);
        if (_mantissa.Sign < 0)
        {
            sb.Append('-');
        }

        if (_exponent >= 0)
        {
            sb.Append(digits).Append('0', _exponent);
        }
        else
        {
            int pointAt = digits.Length + _exponent;
            if (pointAt > 0)
            {
                sb.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
            }
            else
            {
                sb.Append("0.").Append('0', -pointAt).Append(digits);
            }
        }

        return sb.ToString();
    }

    internal static int DigitCount(BigInteger value)
    {
        value = BigInteger.Abs(value);
        if (value < 10)
        {
            return 1;
        }

        long bits = (long)value.GetBitLength();
        int estimate = (int)((bits - 1) * 0.30102999566398120) + 1;
        return value >= BigInteger.Pow(Ten, estimate) ? estimate + 1 : estimate;
    }

    // Finite values first by sign, with infinities at the extremes.
    private int Rank() => _special switch
    {
        PositiveInfinityFlag => 1,
        NegativeInfinityFlag => -1,
        _ => 0,
    };

    private string ToScientific() =>
        _mantissa.ToString(CultureInfo.InvariantCulture) + "E" + _exponent.ToString(CultureInfo.InvariantCulture);
}
