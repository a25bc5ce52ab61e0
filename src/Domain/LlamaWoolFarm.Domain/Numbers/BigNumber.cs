using System.Globalization;
using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Domain.Numbers;

/// <summary>
/// A wool amount in the break_infinity representation: value = Mantissa × 10^Exponent with
/// |Mantissa| in [1, 10), or zero as (0, 0). Arithmetic never allocates.
/// </summary>
/// <remarks>
/// Split by concern: this file holds the representation and its normalization; BigNumber.Arithmetic.cs,
/// BigNumber.Comparison.cs, BigNumber.Parsing.cs (through <see cref="DecimalNotation"/>) and BigNumber.Formatting.cs
/// the rest.
/// </remarks>
[JsonConverter(typeof(BigNumberJsonConverter))]
public readonly partial struct BigNumber : IEquatable<BigNumber>, IComparable<BigNumber>, IComparable, ISpanFormattable
{
    /// <summary>The longest text of a number, parsed or formatted (<see cref="DecimalNotation.MaxLength"/>).</summary>
    public const int MaxStringLength = DecimalNotation.MaxLength;

    /// <summary>decimal.js's own exponent limit; anything beyond is refused rather than wrapped.</summary>
    public const long MaxExponent = DecimalNotation.MaxExponent;

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
}
