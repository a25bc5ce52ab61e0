namespace LlamaWoolFarm.Domain.Numbers;

// Exact order and equality, and the tolerant comparison save validation uses.
public readonly partial struct BigNumber
{
    public static bool operator ==(BigNumber left, BigNumber right) => left.Equals(right);

    public static bool operator !=(BigNumber left, BigNumber right) => !left.Equals(right);

    public static bool operator <(BigNumber left, BigNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(BigNumber left, BigNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(BigNumber left, BigNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BigNumber left, BigNumber right) => left.CompareTo(right) >= 0;

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
}
