using System.Globalization;

namespace LlamaWoolFarm.Domain.Numbers;

// decimal.js's toString notation, written into a span without allocating.
public readonly partial struct BigNumber
{
    /// <summary>
    /// The significant digits of the API's and pushes' numbers. A double holds 15 decimal digits exactly (DBL_DIG):
    /// any 15-digit text parses to a double that formats back to the same text, so a number the server wrote (a save,
    /// a price) reads back and writes again unchanged, while the 16th and 17th digits, which only tell neighbouring
    /// doubles apart, are binary noise to a reader ("6.4879385780000005" is 6.487938578). The rules compare amounts
    /// with a relative tolerance of 1e-9, far above the 5e-16 this rounding can move a value.
    /// </summary>
    public const int SignificantDigits = 15;

    /// <summary>
    /// decimal.js notation rounded to <see cref="SignificantDigits"/> significant digits: plain for exponents in
    /// [-7, 21), else "m e±x". What the API, pushes and saves show; <see cref="ToRoundTripString"/> is for storage.
    /// </summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxStringLength];
        return TryFormat(buffer, out var written) ? new string(buffer[..written]) : throw new InvalidOperationException("Unformattable number.");
    }

    /// <summary>
    /// The shortest text that parses back to exactly this number (up to 17 significant digits): the stored form, so
    /// a persisted state never drifts by a rounding per write.
    /// </summary>
    public string ToRoundTripString()
    {
        Span<char> buffer = stackalloc char[MaxStringLength];
        return TryFormatRoundTrip(buffer, out var written) ? new string(buffer[..written]) : throw new InvalidOperationException("Unformattable number.");
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <summary>Writes <see cref="ToString()"/> (15 significant digits).</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten) => TryFormat(destination, out charsWritten, roundTrip: false);

    /// <summary>Writes <see cref="ToRoundTripString"/> (exact).</summary>
    public bool TryFormatRoundTrip(Span<char> destination, out int charsWritten) => TryFormat(destination, out charsWritten, roundTrip: true);

    private bool TryFormat(Span<char> destination, out int charsWritten, bool roundTrip)
    {
        charsWritten = 0;
        if (Mantissa == 0)
        {
            return TryWrite(destination, ref charsWritten, '0');
        }

        // "R" gives the shortest text that parses back to the same double, which makes Parse(ToString(x)) == x;
        // "E14" rounds the mantissa to 15 significant digits (d.dddddddddddddd).
        Span<char> raw = stackalloc char[32];
        if (!Math.Abs(Mantissa).TryFormat(raw, out var rawLength, roundTrip ? "R" : "E14", CultureInfo.InvariantCulture))
        {
            return false;
        }

        var exponent = Exponent;
        if (!roundTrip)
        {
            // E14 writes "d.ddddddddddddddE+00x"; only the mantissa's digits matter, and a mantissa that rounds up to
            // 10 (9.9999999999999995) shows as "1.00000000000000E+001": one more power of ten.
            var e = raw[..rawLength].IndexOf('E');
            exponent += int.Parse(raw[(e + 1)..rawLength], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            rawLength = e;
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
        if (exponent is >= -7 and < 21)
        {
            var integerDigits = (int)exponent + 1;
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

        if (!TryWrite(destination, ref charsWritten, exponent > 0 ? "e+" : "e-"))
        {
            return false;
        }

        var magnitude = Math.Abs(exponent);
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
