using System.Globalization;
using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Domain.Numbers;

/// <summary>
/// A wool amount in the break_infinity representation: value = Mantissa × 10^Exponent with
/// |Mantissa| in [1, 10), or zero as (0, 0). Arithmetic never allocates.
/// </summary>
[JsonConverter(typeof(BigNumberJsonConverter))]
public readonly struct BigNumber : IEquatable<BigNumber>, IComparable<BigNumber>, IComparable, ISpanFormattable
{
    public const int MaxStringLength = 64;

    /// <summary>decimal.js's own exponent limit; anything beyond is refused rather than wrapped.</summary>
    public const long MaxExponent = 9_000_000_000_000_000;

    public const double DefaultRelativeTolerance = 1e-9;

    // Beyond 17 decimal digits a double mantissa cannot see the smaller addend at all.
    private const int MaxAlignment = 17;
    private const int MinTableExponent = -340;
    private const int MaxTableExponent = 340;

    // Parsed from text so every entry is the correctly rounded power of ten (Math.Pow is not guaranteed to be).
    private static readonly double[] PowersOfTen = BuildPowersOfTen();

    public static BigNumber Zero => default;

    public static BigNumber One => new(1, 0);

    public static BigNumber Ten => new(1, 1);

    private BigNumber(double mantissa, long exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public double Mantissa { get; }

    public long Exponent { get; }

    public bool IsZero => Mantissa == 0;

    public int Sign => Mantissa > 0 ? 1 : Mantissa < 0 ? -1 : 0;

    public bool IsNegative => Mantissa < 0;

    /// <summary>Builds a number from an already normalised pair; used by tests and by code that knows the pair is valid.</summary>
    public static BigNumber FromParts(double mantissa, long exponent)
    {
        if (!double.IsFinite(mantissa))
        {
            throw new ArgumentOutOfRangeException(nameof(mantissa), mantissa, "The mantissa must be finite.");
        }

        return Normalize(mantissa, exponent);
    }

    public static BigNumber FromDouble(double value)
    {
        if (value == 0)
        {
            return Zero;
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities are not numbers of the game.");
        }

        var exponent = (long)Math.Floor(Math.Log10(Math.Abs(value)));
        double mantissa;
        if (exponent < -300)
        {
            // Subnormal powers of ten lose digits, so scale into the normal range first.
            mantissa = value * 1e300 * Pow10(-(exponent + 300));
        }
        else
        {
            // Dividing by an exact power of ten (or multiplying for negatives) rounds once, so integers keep their digits.
            mantissa = exponent >= 0 ? value / Pow10(exponent) : value * Pow10(-exponent);
        }

        return Fix(mantissa, exponent);
    }

    public static implicit operator BigNumber(double value) => FromDouble(value);

    public static implicit operator BigNumber(long value) => FromDouble(value);

    public static implicit operator BigNumber(int value) => FromDouble(value);

    public double ToDouble()
    {
        if (Mantissa == 0)
        {
            return 0;
        }

        if (Exponent > 308)
        {
            return Mantissa > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        if (Exponent < -324)
        {
            return 0;
        }

        if (Exponent < -300)
        {
            return Mantissa * Pow10(Exponent + 300) * 1e-300;
        }

        return Exponent >= 0 ? Mantissa * Pow10(Exponent) : Mantissa / Pow10(-Exponent);
    }

    public static BigNumber operator +(BigNumber left, BigNumber right)
    {
        if (left.Mantissa == 0)
        {
            return right;
        }

        if (right.Mantissa == 0)
        {
            return left;
        }

        if (left.Exponent < right.Exponent)
        {
            (left, right) = (right, left);
        }

        var shift = left.Exponent - right.Exponent;
        if (shift > MaxAlignment)
        {
            return left;
        }

        return Normalize(left.Mantissa + (right.Mantissa / Pow10(shift)), left.Exponent);
    }

    public static BigNumber operator -(BigNumber left, BigNumber right) => left + (-right);

    public static BigNumber operator -(BigNumber value) => new(-value.Mantissa, value.Exponent);

    public static BigNumber operator +(BigNumber value) => value;

    public static BigNumber operator *(BigNumber left, BigNumber right)
    {
        if (left.Mantissa == 0 || right.Mantissa == 0)
        {
            return Zero;
        }

        return Fix(left.Mantissa * right.Mantissa, left.Exponent + right.Exponent);
    }

    public static BigNumber operator /(BigNumber left, BigNumber right)
    {
        if (right.Mantissa == 0)
        {
            throw new DivideByZeroException();
        }

        if (left.Mantissa == 0)
        {
            return Zero;
        }

        return Fix(left.Mantissa / right.Mantissa, left.Exponent - right.Exponent);
    }

    public static bool operator ==(BigNumber left, BigNumber right) => left.Equals(right);

    public static bool operator !=(BigNumber left, BigNumber right) => !left.Equals(right);

    public static bool operator <(BigNumber left, BigNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(BigNumber left, BigNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(BigNumber left, BigNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BigNumber left, BigNumber right) => left.CompareTo(right) >= 0;

    public static BigNumber Add(BigNumber left, BigNumber right) => left + right;

    public static BigNumber Subtract(BigNumber left, BigNumber right) => left - right;

    public static BigNumber Multiply(BigNumber left, BigNumber right) => left * right;

    public static BigNumber Divide(BigNumber left, BigNumber right) => left / right;

    public static BigNumber Negate(BigNumber value) => -value;

    public static BigNumber Max(BigNumber left, BigNumber right) => left >= right ? left : right;

    public static BigNumber Min(BigNumber left, BigNumber right) => left <= right ? left : right;

    public BigNumber Abs() => Mantissa < 0 ? -this : this;

    /// <summary>log10 of the value: -∞ for zero, NaN for negatives (as Math.Log10).</summary>
    public double Log10()
    {
        if (Mantissa == 0)
        {
            return double.NegativeInfinity;
        }

        return Mantissa < 0 ? double.NaN : Math.Log10(Mantissa) + Exponent;
    }

    public BigNumber Pow(double power)
    {
        if (double.IsNaN(power) || double.IsInfinity(power))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "The power must be finite.");
        }

        if (power == 0)
        {
            return One;
        }

        if (Mantissa == 0)
        {
            return power > 0 ? Zero : throw new DivideByZeroException();
        }

        if (Mantissa < 0)
        {
            if (Math.Floor(power) != power)
            {
                throw new ArgumentOutOfRangeException(nameof(power), power, "A negative number has no real non-integer power.");
            }

            var magnitude = Abs().Pow(power);
            return Math.IEEERemainder(power, 2) != 0 ? -magnitude : magnitude;
        }

        var logResult = power * Log10();
        if (Math.Abs(logResult) < 300 && Math.Abs(Exponent) < 300)
        {
            // Inside double's range Math.Pow is more precise than going through logarithms.
            return FromDouble(Math.Pow(ToDouble(), power));
        }

        var exponent = Math.Floor(logResult);
        if (Math.Abs(exponent) > MaxExponent)
        {
            throw new OverflowException("The power leaves the representable range.");
        }

        return Fix(Math.Pow(10, logResult - exponent), (long)exponent);
    }

    public BigNumber Floor()
    {
        if (Mantissa == 0 || Exponent >= MaxAlignment)
        {
            return this;
        }

        if (Exponent < 0)
        {
            return Mantissa > 0 ? Zero : -One;
        }

        return FromDouble(Math.Floor(Mantissa * Pow10(Exponent)));
    }

    public bool Equals(BigNumber other) => Mantissa == other.Mantissa && Exponent == other.Exponent;

    public override bool Equals(object? obj) => obj is BigNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mantissa, Exponent);

    public int CompareTo(BigNumber other)
    {
        var sign = Sign;
        var otherSign = other.Sign;
        if (sign != otherSign)
        {
            return sign.CompareTo(otherSign);
        }

        if (sign == 0)
        {
            return 0;
        }

        if (Exponent != other.Exponent)
        {
            var byExponent = Exponent.CompareTo(other.Exponent);
            return sign > 0 ? byExponent : -byExponent;
        }

        return Mantissa.CompareTo(other.Mantissa);
    }

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        BigNumber other => CompareTo(other),
        _ => throw new ArgumentException("Not a BigNumber.", nameof(obj)),
    };

    /// <summary>True when the two values differ by at most relativeTolerance × the larger magnitude.</summary>
    public bool AlmostEquals(BigNumber other, double relativeTolerance = DefaultRelativeTolerance) =>
        CompareWithTolerance(other, relativeTolerance) == 0;

    /// <summary>Compares as CompareTo, but values within relativeTolerance of each other compare as equal.</summary>
    public int CompareWithTolerance(BigNumber other, double relativeTolerance = DefaultRelativeTolerance)
    {
        if (Equals(other))
        {
            return 0;
        }

        var larger = Max(Abs(), other.Abs());
        var difference = (this - other).Abs();
        if (difference <= larger * FromDouble(relativeTolerance))
        {
            return 0;
        }

        return CompareTo(other);
    }

    public static BigNumber Parse(string s) =>
        TryParse(s, out var value) ? value : throw new FormatException("Not a decimal number string of at most 64 characters.");

    /// <summary>
    /// Accepts decimal.js's decimal syntax: optional sign, digits with an optional point, optional e-exponent
    /// with or without a sign. Refuses NaN, Infinity, empty or whitespace strings, and strings over 64 characters.
    /// </summary>
    public static bool TryParse(string? s, out BigNumber value) => TryParse(s.AsSpan(), out value);

    public static bool TryParse(ReadOnlySpan<char> s, out BigNumber value)
    {
        value = Zero;
        if (s.IsEmpty || s.Length > MaxStringLength)
        {
            return false;
        }

        var index = 0;
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            index++;
        }

        // Significant digits without leading zeros; at most 64 fit since the whole string does.
        Span<char> digits = stackalloc char[MaxStringLength];
        var digitCount = 0;
        var seenDigit = false;
        var seenPoint = false;
        long pointShift = 0;
        for (; index < s.Length; index++)
        {
            var c = s[index];
            if (c == '.')
            {
                if (seenPoint)
                {
                    return false;
                }

                seenPoint = true;
                continue;
            }

            if (c is < '0' or > '9')
            {
                break;
            }

            seenDigit = true;
            if (digitCount == 0 && c == '0')
            {
                if (seenPoint)
                {
                    pointShift--;
                }

                continue;
            }

            digits[digitCount++] = c;
            if (!seenPoint)
            {
                pointShift++;
            }
        }

        if (!seenDigit)
        {
            return false;
        }

        long exponentPart = 0;
        if (index < s.Length)
        {
            if (s[index] is not ('e' or 'E'))
            {
                return false;
            }

            index++;
            var exponentNegative = false;
            if (index < s.Length && s[index] is '+' or '-')
            {
                exponentNegative = s[index] == '-';
                index++;
            }

            if (index >= s.Length)
            {
                return false;
            }

            for (; index < s.Length; index++)
            {
                var c = s[index];
                if (c is < '0' or > '9')
                {
                    return false;
                }

                // The 64-character limit keeps this far from overflow only if we stop early.
                if (exponentPart > MaxExponent * 10)
                {
                    return false;
                }

                exponentPart = (exponentPart * 10) + (c - '0');
            }

            if (exponentNegative)
            {
                exponentPart = -exponentPart;
            }
        }

        if (digitCount == 0)
        {
            value = Zero;
            return true;
        }

        // Trailing zeros carry no precision.
        while (digitCount > 1 && digits[digitCount - 1] == '0')
        {
            digitCount--;
        }

        Span<char> text = stackalloc char[MaxStringLength + 2];
        text[0] = digits[0];
        var length = 1;
        if (digitCount > 1)
        {
            text[1] = '.';
            digits[1..digitCount].CopyTo(text[2..]);
            length = digitCount + 1;
        }

        var mantissa = double.Parse(text[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var exponent = pointShift - 1 + exponentPart;
        if (mantissa >= 10)
        {
            // More than 17 digits of 9s round up to exactly 10.
            mantissa /= 10;
            exponent++;
        }

        if (Math.Abs(exponent) > MaxExponent)
        {
            return false;
        }

        value = new BigNumber(negative ? -mantissa : mantissa, exponent);
        return true;
    }

    /// <summary>decimal.js notation: plain for exponents in [-7, 21), else "m e±x"; at most 17 significant digits.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxStringLength];
        return TryFormat(buffer, out var written) ? new string(buffer[..written]) : throw new InvalidOperationException("Unformattable number.");
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (Mantissa == 0)
        {
            return TryWrite(destination, ref charsWritten, '0');
        }

        // "R" gives the shortest text that parses back to the same double, which makes Parse(ToString(x)) == x.
        Span<char> raw = stackalloc char[32];
        if (!Math.Abs(Mantissa).TryFormat(raw, out var rawLength, "R", CultureInfo.InvariantCulture))
        {
            return false;
        }

        Span<char> digits = stackalloc char[32];
        var digitCount = 0;
        foreach (var c in raw[..rawLength])
        {
            if (c is >= '0' and <= '9')
            {
                digits[digitCount++] = c;
            }
        }

        while (digitCount > 1 && digits[digitCount - 1] == '0')
        {
            digitCount--;
        }

        var sig = digits[..digitCount];
        if (Mantissa < 0 && !TryWrite(destination, ref charsWritten, '-'))
        {
            return false;
        }

        // GAME_RULES §1 puts exponent -7 on the plain side (decimal.js itself switches to e-notation there).
        if (Exponent is >= -7 and < 21)
        {
            var integerDigits = (int)Exponent + 1;
            if (integerDigits <= 0)
            {
                return TryWrite(destination, ref charsWritten, "0.")
                    && TryWriteRepeated(destination, ref charsWritten, '0', -integerDigits)
                    && TryWrite(destination, ref charsWritten, sig);
            }

            if (integerDigits >= sig.Length)
            {
                return TryWrite(destination, ref charsWritten, sig)
                    && TryWriteRepeated(destination, ref charsWritten, '0', integerDigits - sig.Length);
            }

            return TryWrite(destination, ref charsWritten, sig[..integerDigits])
                && TryWrite(destination, ref charsWritten, '.')
                && TryWrite(destination, ref charsWritten, sig[integerDigits..]);
        }

        if (!TryWrite(destination, ref charsWritten, sig[0]))
        {
            return false;
        }

        if (sig.Length > 1 && !(TryWrite(destination, ref charsWritten, '.') && TryWrite(destination, ref charsWritten, sig[1..])))
        {
            return false;
        }

        if (!TryWrite(destination, ref charsWritten, Exponent > 0 ? "e+" : "e-"))
        {
            return false;
        }

        var magnitude = Math.Abs(Exponent);
        if (!magnitude.TryFormat(destination[charsWritten..], out var exponentLength, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten += exponentLength;
        return true;
    }

    internal static double Pow10(long exponent) =>
        exponent is >= MinTableExponent and <= MaxTableExponent
            ? PowersOfTen[exponent - MinTableExponent]
            : Math.Pow(10, exponent);

    private static BigNumber Normalize(double mantissa, long exponent)
    {
        if (mantissa == 0)
        {
            return Zero;
        }

        var magnitude = Math.Abs(mantissa);
        if (magnitude is >= 1 and < 10)
        {
            return new BigNumber(mantissa, exponent);
        }

        var shift = (long)Math.Floor(Math.Log10(magnitude));
        mantissa = shift >= 0 ? mantissa / Pow10(shift) : mantissa * Pow10(-shift);
        return Fix(mantissa, exponent + shift);
    }

    // Rounding can leave the mantissa one decade off (9.99… → 10); this nudges it back.
    private static BigNumber Fix(double mantissa, long exponent)
    {
        var magnitude = Math.Abs(mantissa);
        if (magnitude is >= 1 and < 10)
        {
            return new BigNumber(mantissa, exponent);
        }

        if (mantissa == 0)
        {
            return Zero;
        }

        if (magnitude is >= 10 and < 100)
        {
            mantissa /= 10;
            exponent++;
        }
        else if (magnitude is < 1 and >= 0.1)
        {
            mantissa *= 10;
            exponent--;
        }
        else
        {
            return Normalize(mantissa, exponent);
        }

        magnitude = Math.Abs(mantissa);
        if (magnitude >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        else if (magnitude < 1)
        {
            mantissa *= 10;
            exponent--;
        }

        return new BigNumber(mantissa, exponent);
    }

    private static double[] BuildPowersOfTen()
    {
        var table = new double[MaxTableExponent - MinTableExponent + 1];
        for (var e = MinTableExponent; e <= MaxTableExponent; e++)
        {
            table[e - MinTableExponent] = double.Parse("1e" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return table;
    }

    private static bool TryWrite(Span<char> destination, ref int written, char c)
    {
        if (written >= destination.Length)
        {
            return false;
        }

        destination[written++] = c;
        return true;
    }

    private static bool TryWrite(Span<char> destination, ref int written, ReadOnlySpan<char> text)
    {
        if (!text.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += text.Length;
        return true;
    }

    private static bool TryWriteRepeated(Span<char> destination, ref int written, char c, int count)
    {
        if (written + count > destination.Length)
        {
            return false;
        }

        destination.Slice(written, count).Fill(c);
        written += count;
        return true;
    }
}
