namespace LlamaWoolFarm.Domain.Numbers;

// Arithmetic in the break_infinity representation: sums align the smaller addend (beyond 17 digits it cannot
// show), products and quotients multiply mantissas and add exponents. None of it allocates.
public readonly partial struct BigNumber
{
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
}
