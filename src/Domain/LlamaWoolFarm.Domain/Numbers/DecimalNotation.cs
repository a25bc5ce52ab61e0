namespace LlamaWoolFarm.Domain.Numbers;

/// <summary>
/// The one reader of the game's number notation (GAME_RULES §1, decimal.js syntax): an optional sign, digits with an
/// optional point, an optional e-exponent with or without a sign; no whitespace, NaN, Infinity or hex, at most
/// <see cref="MaxLength"/> characters. <see cref="BigNumber"/> (every wool amount) and the leaderboards' exact scores
/// both read text through it, so the two accept the same strings and differ only in what they keep of the digits.
/// </summary>
public static class DecimalNotation
{
    /// <summary>The longest text accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>decimal.js's own exponent limit; anything beyond is refused rather than wrapped.</summary>
    public const long MaxExponent = 9_000_000_000_000_000;

    /// <summary>
    /// Splits <paramref name="text"/> into its sign, its significant digits and the power of ten of the first of them:
    /// value = ±d.ddd × 10^<paramref name="exponent"/>. <paramref name="digits"/> (at least <see cref="MaxLength"/>
    /// long) receives the significant digits without leading or trailing zeros; zero has none, exponent 0, and counts
    /// as zero whatever its exponent. Allocates nothing.
    /// </summary>
    /// <returns>False for text that is not the notation, and for a non-zero value whose exponent is beyond ±<see cref="MaxExponent"/>.</returns>
    public static bool TryScan(ReadOnlySpan<char> text, Span<char> digits, out int digitCount, out long exponent, out bool negative)
    {
        if (digits.Length < MaxLength)
        {
            throw new ArgumentException($"The digit buffer must hold {MaxLength} characters.", nameof(digits));
        }

        digitCount = 0;
        exponent = 0;
        negative = false;
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        var index = 0;
        var minus = false;
        if (text[0] is '+' or '-')
        {
            minus = text[0] == '-';
            index++;
        }

        // Significant digits without leading zeros; at most 64 fit since the whole text does.
        var count = 0;
        var seenDigit = false;
        var seenPoint = false;
        long pointShift = 0;
        for (; index < text.Length; index++)
        {
            var c = text[index];
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
            if (count == 0 && c == '0')
            {
                if (seenPoint)
                {
                    pointShift--;
                }

                continue;
            }

            digits[count++] = c;
            if (!seenPoint)
            {
                pointShift++;
            }
        }

        if (!seenDigit || !TryReadExponent(text[index..], out var exponentPart))
        {
            return false;
        }

        negative = minus;
        if (count == 0)
        {
            return true;
        }

        // Trailing zeros carry no precision.
        while (count > 1 && digits[count - 1] == '0')
        {
            count--;
        }

        var normalized = pointShift - 1 + exponentPart;
        if (Math.Abs(normalized) > MaxExponent)
        {
            negative = false;
            return false;
        }

        digitCount = count;
        exponent = normalized;
        return true;
    }

    /// <summary>Reads what follows the mantissa: nothing, or e/E, an optional sign and at least one digit.</summary>
    private static bool TryReadExponent(ReadOnlySpan<char> rest, out long exponentPart)
    {
        exponentPart = 0;
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest[0] is not ('e' or 'E'))
        {
            return false;
        }

        var index = 1;
        var exponentNegative = false;
        if (index < rest.Length && rest[index] is '+' or '-')
        {
            exponentNegative = rest[index] == '-';
            index++;
        }

        if (index >= rest.Length)
        {
            return false;
        }

        for (; index < rest.Length; index++)
        {
            var c = rest[index];
            if (c is < '0' or > '9')
            {
                return false;
            }

            // Stopping here keeps the accumulation far from overflow: no exponent this long can be brought back in range.
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

        return true;
    }
}
