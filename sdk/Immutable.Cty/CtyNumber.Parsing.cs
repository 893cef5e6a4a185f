using System.Globalization;
using System.Numerics;

namespace Immutable.Cty;

/// <content>Parsing of decimal number text.</content>
public readonly partial struct CtyNumber
{
    /// <summary>
    /// Parses decimal number text the way go-cty's <c>ParseNumberVal</c> accepts it: an optional sign, digits with
    /// an optional fraction, an optional <c>e</c>/<c>E</c> exponent, or <c>Inf</c>/<c>inf</c>. JSON numbers are a subset.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The exact number.</returns>
    /// <exception cref="FormatException">The text is not a number, or is absurdly long or large.</exception>
    public static CtyNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text.AsSpan(), out CtyNumber result))
        {
            throw new FormatException($"\"{text}\" is not a valid number.");
        }

        return result;
    }

    /// <summary>Parses decimal number text; see <see cref="Parse(string)"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The number when parsing succeeds.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(string? text, out CtyNumber result)
    {
        if (text is null)
        {
            result = default;
            return false;
        }

        return TryParse(text.AsSpan(), out result);
    }

    /// <summary>Parses decimal number text; see <see cref="Parse(string)"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The number when parsing succeeds.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out CtyNumber result)
    {
        result = default;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        ReadOnlySpan<char> rest = text[i..];
        if (rest.SequenceEqual("Inf") || rest.SequenceEqual("inf"))
        {
            result = negative ? NegativeInfinity : PositiveInfinity;
            return true;
        }

        int intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        ReadOnlySpan<char> intDigits = text[intStart..i];
        ReadOnlySpan<char> fracDigits = [];
        if (i < text.Length && text[i] == '.')
        {
            i++;
            int fracStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            fracDigits = text[fracStart..i];
        }

        if (intDigits.IsEmpty && fracDigits.IsEmpty)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            bool expNegative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                expNegative = text[i] == '-';
                i++;
            }

            int expStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                // Saturate rather than overflow; the range check below rejects huge exponents.
                if (exponent < 1_000_000_000_000)
                {
                    exponent = (exponent * 10) + (text[i] - '0');
                }

                i++;
            }

            if (i == expStart)
            {
                return false;
            }

            if (expNegative)
            {
                exponent = -exponent;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        return TryBuild(negative, intDigits, fracDigits, exponent, out result);
    }

    /// <summary>Parses UTF-8 number text, as found in JSON and msgpack strings.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="result">The number when parsing succeeds.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out CtyNumber result)
    {
        result = default;
        if (utf8Text.Length > MaxSignificantDigits * 4)
        {
            return false;
        }

        Span<char> chars = utf8Text.Length <= 256 ? stackalloc char[utf8Text.Length] : new char[utf8Text.Length];
        for (int i = 0; i < utf8Text.Length; i++)
        {
            byte b = utf8Text[i];
            if (b >= 0x80)
            {
                return false;
            }

            chars[i] = (char)b;
        }

        return TryParse(chars, out result);
    }

    private static bool TryBuild(bool negative, ReadOnlySpan<char> intDigits, ReadOnlySpan<char> fracDigits, long exponent, out CtyNumber result)
    {
        result = default;

        // Join the digits, then drop leading and trailing zeros: they carry no precision.
        int total = intDigits.Length + fracDigits.Length;
        if (total > MaxSignificantDigits * 4)
        {
            return false;
        }

        Span<char> digits = total <= 512 ? stackalloc char[total] : new char[total];
        intDigits.CopyTo(digits);
        fracDigits.CopyTo(digits[intDigits.Length..]);
        exponent -= fracDigits.Length;

        int start = 0;
        while (start < digits.Length && digits[start] == '0')
        {
            start++;
        }

        int end = digits.Length;
        while (end > start && digits[end - 1] == '0')
        {
            end--;
            exponent++;
        }

        if (start == end)
        {
            result = negative ? NegativeZero : Zero;
            return true;
        }

        ReadOnlySpan<char> significant = digits[start..end];
        if (significant.Length > MaxSignificantDigits || Math.Abs(exponent) > MaxExponentMagnitude)
        {
            return false;
        }

        var mantissa = BigInteger.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        result = new CtyNumber(negative ? -mantissa : mantissa, (int)exponent, FinitePositive);
        return true;
    }
}
