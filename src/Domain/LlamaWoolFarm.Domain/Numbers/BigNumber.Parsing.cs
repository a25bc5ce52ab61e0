using System.Globalization;

namespace LlamaWoolFarm.Domain.Numbers;

// Reading the notation: DecimalNotation scans it, and the significant digits become the double mantissa.
public readonly partial struct BigNumber
{
    public static BigNumber Parse(string s) =>
        TryParse(s, out var value) ? value : throw new FormatException("Not a decimal number string of at most 64 characters.");

    /// <summary>
    /// Accepts decimal.js's decimal syntax (<see cref="DecimalNotation"/>): optional sign, digits with an optional
    /// point, optional e-exponent with or without a sign. Refuses NaN, Infinity, empty or whitespace strings, and
    /// strings over 64 characters.
    /// </summary>
    public static bool TryParse(string? s, out BigNumber value) => TryParse(s.AsSpan(), out value);

    /// <inheritdoc cref="TryParse(string?, out BigNumber)"/>
    public static bool TryParse(ReadOnlySpan<char> s, out BigNumber value)
    {
        value = Zero;
        Span<char> digits = stackalloc char[DecimalNotation.MaxLength];
        if (!DecimalNotation.TryScan(s, digits, out var digitCount, out var exponent, out var negative))
        {
            return false;
        }

        if (digitCount == 0)
        {
            return true;
        }

        // d.ddd… parsed by the runtime rounds the significant digits correctly to the nearest double.
        Span<char> text = stackalloc char[DecimalNotation.MaxLength + 2];
        text[0] = digits[0];
        var length = 1;
        if (digitCount > 1)
        {
            text[1] = '.';
            digits[1..digitCount].CopyTo(text[2..]);
            length = digitCount + 1;
        }

        var mantissa = double.Parse(text[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (mantissa >= 10)
        {
            // More than 17 digits of 9s round up to exactly 10.
            mantissa /= 10;
            exponent++;
            if (exponent > MaxExponent)
            {
                return false;
            }
        }

        value = new BigNumber(negative ? -mantissa : mantissa, exponent);
        return true;
    }
}
