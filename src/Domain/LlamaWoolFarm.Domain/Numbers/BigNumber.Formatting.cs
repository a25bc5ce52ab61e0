using System.Globalization;

namespace LlamaWoolFarm.Domain.Numbers;

// decimal.js's toString notation, written into a span without allocating.
public readonly partial struct BigNumber
{
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
