using System.Globalization;
using System.Numerics;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// A non-negative decimal score of any size (decimal.js notation, at most 64 characters), held exactly as its
/// significant digits and power of ten, with two encodings for sorted sets:
/// <list type="bullet">
/// <item><see cref="SortScore"/>, a double that never decreases as the value grows (exponent + (mantissa − 1) / 9:
/// its integer part is ⌊log10 v⌋). Values closer than a double can tell apart share it.</item>
/// <item><see cref="Key"/>, an ASCII string whose ordinal order is the exact order of the values. It breaks the
/// ties of the double: Redis orders equal scores by member bytes, and the member starts with this key.</item>
/// </list>
/// </summary>
public sealed class LeaderboardScore : IComparable<LeaderboardScore>, IEquatable<LeaderboardScore>
{
    /// <summary>The longest score string accepted (as the game's big numbers).</summary>
    public const int MaxLength = DecimalNotation.MaxLength;

    /// <summary>decimal.js's exponent limit.</summary>
    public const long MaxExponent = DecimalNotation.MaxExponent;

    // Exponents are stored offset so they are non-negative, as 14 lowercase hex digits (ordinal order = numeric order).
    private const long ExponentOffset = 10_000_000_000_000_000;
    private const int ExponentHexDigits = 14;

    private LeaderboardScore(string digits, long exponent)
    {
        Digits = digits;
        Exponent = exponent;
        Key = digits.Length == 0
            ? "0"
            : "1" + (exponent + ExponentOffset).ToString("x14", CultureInfo.InvariantCulture) + digits;
    }

    public static LeaderboardScore Zero { get; } = new(string.Empty, 0);

    /// <summary>The significant digits without leading or trailing zeros; empty for zero.</summary>
    public string Digits { get; }

    /// <summary>The power of ten of the first digit: value = d.ddd × 10^Exponent.</summary>
    public long Exponent { get; }

    public bool IsZero => Digits.Length == 0;

    /// <summary>The exact sort key (see the type's remarks); ordinal order = value order.</summary>
    public string Key { get; }

    /// <summary>The approximate sortable double (see the type's remarks); −∞ for zero.</summary>
    public double SortScore
    {
        get
        {
            if (IsZero)
            {
                return double.NegativeInfinity;
            }

            // A correctly rounded parse, subtraction, division and addition keep the mapping monotone; log10 from libm is not guaranteed to be.
            var head = Digits.Length > 17 ? Digits[..17] : Digits;
            var mantissa = double.Parse(head[..1] + "." + head[1..] + "0", NumberStyles.Float, CultureInfo.InvariantCulture);
            return Exponent + ((mantissa - 1) / 9);
        }
    }

    public static LeaderboardScore Parse(string text) =>
        TryParse(text, out var score) ? score : throw new FormatException("A score is a non-negative decimal string of at most 64 characters.");

    /// <summary>
    /// Accepts the game's number notation as <see cref="BigNumber"/> reads it (<see cref="DecimalNotation"/>: the
    /// same parser), keeping every significant digit; refuses negatives ("-0" is zero), NaN, Infinity, over-long text.
    /// </summary>
    public static bool TryParse(string? text, out LeaderboardScore score)
    {
        score = Zero;
        Span<char> digits = stackalloc char[DecimalNotation.MaxLength];
        if (!DecimalNotation.TryScan(text, digits, out var digitCount, out var exponent, out var negative))
        {
            return false;
        }

        if (digitCount == 0)
        {
            return true;
        }

        // Anything below zero has no rank.
        if (negative)
        {
            return false;
        }

        score = new LeaderboardScore(new string(digits[..digitCount]), exponent);
        return true;
    }

    /// <summary>
    /// this − other exactly, or zero when other is not smaller (gains never go negative). When the two are more than
    /// 60 orders of magnitude apart the smaller cannot show in 60 significant digits, and this is returned.
    /// </summary>
    public LeaderboardScore Minus(LeaderboardScore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsZero)
        {
            return this;
        }

        if (CompareTo(other) <= 0)
        {
            return Zero;
        }

        if (Exponent - other.Exponent > 60)
        {
            return this;
        }

        // Both as integers times 10^low, where low is the smaller exponent of their last digits.
        var lowThis = Exponent - (Digits.Length - 1);
        var lowOther = other.Exponent - (other.Digits.Length - 1);
        var low = Math.Min(lowThis, lowOther);
        var difference = (BigInteger.Parse(Digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, (int)(lowThis - low)))
            - (BigInteger.Parse(other.Digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, (int)(lowOther - low)));
        var digits = difference.ToString(CultureInfo.InvariantCulture);
        var exponent = low + digits.Length - 1;
        var significant = (digits.Length > 60 ? digits[..60] : digits).TrimEnd('0');
        return new LeaderboardScore(significant, exponent);
    }

    /// <summary>Rebuilds a score from its <see cref="Key"/>.</summary>
    public static LeaderboardScore FromKey(string key)
    {
        if (key == "0")
        {
            return Zero;
        }

        if (key.Length <= 1 + ExponentHexDigits || key[0] != '1')
        {
            throw new FormatException($"Not a leaderboard score key: '{key}'.");
        }

        var exponent = long.Parse(key.AsSpan(1, ExponentHexDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) - ExponentOffset;
        return new LeaderboardScore(key[(1 + ExponentHexDigits)..], exponent);
    }

    /// <summary>
    /// decimal.js's toString rounded (half up) to <see cref="BigNumber.SignificantDigits"/> significant digits, as every
    /// number of the API: plain notation for exponents in [-7, 21), e-notation otherwise. The order keeps every digit
    /// (<see cref="Key"/>); only what clients read is rounded.
    /// </summary>
    public override string ToString() => Rounded(BigNumber.SignificantDigits).Format();

    /// <summary>This score with at most <paramref name="significantDigits"/> digits, rounded half up.</summary>
    public LeaderboardScore Rounded(int significantDigits)
    {
        if (Digits.Length <= significantDigits)
        {
            return this;
        }

        var kept = Digits[..significantDigits].ToCharArray();
        var exponent = Exponent;
        if (Digits[significantDigits] >= '5')
        {
            var i = kept.Length - 1;
            while (i >= 0 && kept[i] == '9')
            {
                kept[i--] = '0';
            }

            if (i < 0)
            {
                // 999…9 rounds up to the next power of ten.
                return new LeaderboardScore("1", exponent + 1);
            }

            kept[i]++;
        }

        return new LeaderboardScore(new string(kept).TrimEnd('0'), exponent);
    }

    private string Format()
    {
        if (IsZero)
        {
            return "0";
        }

        if (Exponent is >= 21 or <= -7)
        {
            var mantissa = Digits.Length == 1 ? Digits : Digits[..1] + "." + Digits[1..];
            return mantissa + "e" + (Exponent >= 0 ? "+" : "-") + Math.Abs(Exponent).ToString(CultureInfo.InvariantCulture);
        }

        if (Exponent < 0)
        {
            return "0." + new string('0', (int)(-Exponent - 1)) + Digits;
        }

        var integer = (int)Exponent + 1;
        return Digits.Length <= integer
            ? Digits + new string('0', integer - Digits.Length)
            : Digits[..integer] + "." + Digits[integer..];
    }

    public int CompareTo(LeaderboardScore? other) => other is null ? 1 : string.CompareOrdinal(Key, other.Key);

    public bool Equals(LeaderboardScore? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => Equals(obj as LeaderboardScore);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
