using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Client;

/// <summary>
/// A game amount as the server keeps it: sign, a <see cref="double"/> mantissa in [1, 10) and a 64-bit decimal
/// exponent, so values far beyond <see cref="double.MaxValue"/> (1e308) survive. The server sends amounts as decimal
/// strings (<c>"80061696000"</c>, <c>"1e+21"</c>, <c>"1.5e+400"</c>); <see cref="Parse"/> reads every form it writes.
/// </summary>
[JsonConverter(typeof(BigNumberJsonConverter))]
public readonly struct BigNumber : IEquatable<BigNumber>, IComparable<BigNumber>
{
    /// <summary>Strings longer than this are refused, as the server refuses them.</summary>
    public const int MaxLength = 64;

    private const int MaxSignificantDigits = 17;

    public static readonly BigNumber Zero;

    public static readonly BigNumber One = new(1, 0);

    private BigNumber(double mantissa, long exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    /// <summary>In [1, 10) (negative for negative numbers), 0 for zero.</summary>
    public double Mantissa { get; }

    /// <summary>The power of ten; 0 for zero.</summary>
    public long Exponent { get; }

    public bool IsZero => Mantissa == 0;

    public static BigNumber FromDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinities are not amounts.");
        }

        return value == 0 ? Zero : Normalize(value, 0);
    }

    /// <summary>Parses the server's notation; throws <see cref="FormatException"/> for anything else.</summary>
    public static BigNumber Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a decimal number string of at most {MaxLength} characters.");

    /// <summary>
    /// Optional sign, digits with an optional point, optional exponent (<c>e</c>/<c>E</c>, with or without sign).
    /// NaN, infinities, empty strings and strings over 64 characters are refused, never coerced.
    /// </summary>
    public static bool TryParse(string? text, out BigNumber value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text) || text!.Length > MaxLength)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digits = new StringBuilder(MaxSignificantDigits + 1);
        long pointExponent = 0;
        var sawDigit = false;
        var sawPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                sawDigit = true;
                if (digits.Length == 0 && c == '0')
                {
                    // Leading zeros carry no digit; after the point they shift the exponent down.
                    if (sawPoint)
                    {
                        pointExponent--;
                    }

                    continue;
                }

                if (digits.Length < MaxSignificantDigits + 1)
                {
                    digits.Append(c);
                }

                if (!sawPoint)
                {
                    pointExponent++;
                }
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else
            {
                break;
            }
        }

        if (!sawDigit)
        {
            return false;
        }

        long exponentPart = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E') || ++i >= text.Length)
            {
                return false;
            }

            var expNegative = false;
            if (text[i] is '+' or '-')
            {
                expNegative = text[i] == '-';
                i++;
            }

            if (i >= text.Length)
            {
                return false;
            }

            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c is < '0' or > '9' || exponentPart > long.MaxValue / 100)
                {
                    return false;
                }

                exponentPart = (exponentPart * 10) + (c - '0');
            }

            if (expNegative)
            {
                exponentPart = -exponentPart;
            }
        }

        if (digits.Length == 0)
        {
            return true;
        }

        // d.ddd… parsed by the runtime rounds the significant digits to the nearest double.
        var mantissaText = digits.Length == 1 ? digits.ToString() : digits[0] + "." + digits.ToString(1, digits.Length - 1);
        var mantissa = double.Parse(mantissaText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        value = Normalize(negative ? -mantissa : mantissa, pointExponent - 1 + exponentPart);
        return true;
    }

    /// <summary>The value as a double: exact enough for display and arithmetic below 1e308, infinity above.</summary>
    public double ToDouble() => IsZero ? 0 : Exponent > 308 ? (Mantissa > 0 ? double.PositiveInfinity : double.NegativeInfinity)
        : Exponent < -324 ? 0 : Mantissa * Math.Pow(10, Exponent);

    /// <summary>The server's notation: plain for exponents in [-7, 21), else <c>m e±x</c>; up to 17 significant digits.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "0";
        }

        var raw = Math.Abs(Mantissa).ToString("R", CultureInfo.InvariantCulture);
        var cut = raw.IndexOfAny(['E', 'e']);
        var significant = (cut >= 0 ? raw.Substring(0, cut) : raw).Replace(".", string.Empty).TrimEnd('0');
        if (significant.Length == 0)
        {
            significant = "0";
        }

        var sign = Mantissa < 0 ? "-" : string.Empty;
        if (Exponent is >= -7 and < 21)
        {
            var integerDigits = (int)Exponent + 1;
            if (integerDigits <= 0)
            {
                return sign + "0." + new string('0', -integerDigits) + significant;
            }

            return integerDigits >= significant.Length
                ? sign + significant + new string('0', integerDigits - significant.Length)
                : sign + significant.Substring(0, integerDigits) + "." + significant.Substring(integerDigits);
        }

        var mantissaText = significant.Length == 1 ? significant : significant[0] + "." + significant.Substring(1);
        return sign + mantissaText + "e" + (Exponent >= 0 ? "+" : "-") + Math.Abs(Exponent).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A short form for display: <c>1.23e+45</c> style with <paramref name="digits"/> significant digits, plain below a million.</summary>
    public string ToDisplayString(int digits = 3)
    {
        if (Exponent < 6)
        {
            return ToDouble().ToString("#,0.##", CultureInfo.InvariantCulture);
        }

        var m = Math.Round(Mantissa, Math.Max(0, digits - 1));
        return m.ToString("0." + new string('#', Math.Max(0, digits - 1)), CultureInfo.InvariantCulture) + "e+" + Exponent.ToString(CultureInfo.InvariantCulture);
    }

    public static BigNumber operator +(BigNumber a, BigNumber b)
    {
        if (a.IsZero)
        {
            return b;
        }

        if (b.IsZero)
        {
            return a;
        }

        var (big, small) = a.Exponent >= b.Exponent ? (a, b) : (b, a);
        var gap = big.Exponent - small.Exponent;
        return gap > MaxSignificantDigits ? big : Normalize(big.Mantissa + (small.Mantissa * Math.Pow(10, -gap)), big.Exponent);
    }

    public static BigNumber operator -(BigNumber a) => new(-a.Mantissa, a.Exponent);

    public static BigNumber operator -(BigNumber a, BigNumber b) => a + -b;

    public static BigNumber operator *(BigNumber a, BigNumber b) =>
        a.IsZero || b.IsZero ? Zero : Normalize(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    public static BigNumber operator /(BigNumber a, BigNumber b) =>
        b.IsZero ? throw new DivideByZeroException() : a.IsZero ? Zero : Normalize(a.Mantissa / b.Mantissa, a.Exponent - b.Exponent);

    public static bool operator ==(BigNumber a, BigNumber b) => a.Equals(b);

    public static bool operator !=(BigNumber a, BigNumber b) => !a.Equals(b);

    public static bool operator <(BigNumber a, BigNumber b) => a.CompareTo(b) < 0;

    public static bool operator >(BigNumber a, BigNumber b) => a.CompareTo(b) > 0;

    public static bool operator <=(BigNumber a, BigNumber b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BigNumber a, BigNumber b) => a.CompareTo(b) >= 0;

    public int CompareTo(BigNumber other)
    {
        var sign = Math.Sign(Mantissa);
        var otherSign = Math.Sign(other.Mantissa);
        if (sign != otherSign)
        {
            return sign.CompareTo(otherSign);
        }

        if (sign == 0 || Exponent == other.Exponent)
        {
            return Mantissa.CompareTo(other.Mantissa);
        }

        // Same sign, different magnitude: the larger exponent is the larger magnitude.
        return sign * Exponent.CompareTo(other.Exponent);
    }

    public bool Equals(BigNumber other) => Mantissa.Equals(other.Mantissa) && Exponent == other.Exponent;

    public override bool Equals(object? obj) => obj is BigNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mantissa, Exponent);

    private static BigNumber Normalize(double mantissa, long exponent)
    {
        if (mantissa == 0 || double.IsNaN(mantissa))
        {
            return Zero;
        }

        var shift = (long)Math.Floor(Math.Log10(Math.Abs(mantissa)));
        mantissa /= Math.Pow(10, shift);
        exponent += shift;

        // Log10 can land one off at exact powers of ten; settle into [1, 10).
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        else if (Math.Abs(mantissa) < 1)
        {
            mantissa *= 10;
            exponent--;
        }

        return new BigNumber(mantissa, exponent);
    }
}

/// <summary>Reads amounts from JSON strings (the server's form) or numbers; writes them as strings.</summary>
public sealed class BigNumberJsonConverter : JsonConverter<BigNumber>
{
    public override BigNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => BigNumber.Parse(reader.GetString()!),
            JsonTokenType.Number => BigNumber.Parse(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray())),
            JsonTokenType.Null => BigNumber.Zero,
            _ => throw new JsonException("An amount must be a decimal string or a number."),
        };

    public override void Write(Utf8JsonWriter writer, BigNumber value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        writer.WriteStringValue(value.ToString());
    }
}
