using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Storage.Leaderboards;

namespace LlamaWoolFarm.Storage.Tests.Leaderboards;

public sealed class LeaderboardScoreTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("000.000", "0")]
    [InlineData("12.50", "12.5")]
    [InlineData("1e3", "1000")]
    [InlineData("0.00012", "0.00012")]
    [InlineData("1.5e+308", "1.5e+308")]
    [InlineData("123456789012345678901234567890", "1.23456789012346e+29")]
    [InlineData("654.1166524776642", "654.116652477664")]
    [InlineData("999999999999999.7", "1000000000000000")]
    [InlineData("0.64879385780000005", "0.6487938578")]
    [InlineData("+7E-9", "7e-9")]
    public void Parses_decimal_js_notation_and_writes_it_back(string text, string expected)
    {
        Assert.Equal(expected, LeaderboardScore.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("e5")]
    [InlineData("1e9000000000000001")]
    public void Refuses_what_is_not_a_non_negative_decimal(string text)
    {
        Assert.False(LeaderboardScore.TryParse(text, out _));
    }

    /// <summary>
    /// Scores and wool amounts are read by one parser: a score accepts exactly the strings BigNumber accepts, except
    /// those below zero, and means the same value (to a double's precision, which is all BigNumber keeps).
    /// </summary>
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.000e5")]
    [InlineData("-1")]
    [InlineData("+7E-9")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData(" 1")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e5.5")]
    [InlineData("0x10")]
    [InlineData("99999999999999999999")]
    [InlineData("1e9000000000000000")]
    [InlineData("1e9000000000000001")]
    [InlineData("0.01e9000000000000001")]
    [InlineData("0e99999999999999999")]
    [InlineData("0e999999999999999999")]
    [InlineData("1.5e-400")]
    public void Accepts_what_the_game_s_big_numbers_accept_except_negatives(string text)
    {
        var asNumber = BigNumber.TryParse(text, out var number);

        var asScore = LeaderboardScore.TryParse(text, out var score);

        Assert.Equal(asNumber && !number.IsNegative, asScore);
        if (asScore)
        {
            Assert.Equal(number, BigNumber.Parse(score.ToString()));
        }
    }

    [Fact]
    public void Refuses_text_longer_than_64_characters()
    {
        Assert.False(LeaderboardScore.TryParse(new string('9', 65), out _));
    }

    [Fact]
    public void The_key_orders_exactly_and_the_sort_score_never_decreases()
    {
        var rng = new Random(42);
        var values = Enumerable.Range(0, 2000)
            .Select(_ => $"{rng.Next(1, 10)}.{rng.NextInt64(0, 1_000_000_000_000_000_000):D18}{rng.Next(0, 100):D2}e{rng.Next(-20, 400)}")
            .Append("0")
            .Append("1e-9000")
            .Select(LeaderboardScore.Parse)
            .ToList();

        var byKey = values.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();

        for (var i = 1; i < byKey.Count; i++)
        {
            Assert.True(Compare(byKey[i - 1], byKey[i]) <= 0, $"{byKey[i - 1]} before {byKey[i]}");
            Assert.True(byKey[i - 1].SortScore <= byKey[i].SortScore, $"{byKey[i - 1]} scores above {byKey[i]}");
        }
    }

    [Theory]
    [InlineData("1000600", "1000000", "600")]
    [InlineData("1.00000000000000000001e30", "1e30", "10000000000")]
    [InlineData("5", "0", "5")]
    [InlineData("5", "7", "0")]
    [InlineData("1e400", "3", "1e+400")]
    [InlineData("0.3", "0.1", "0.2")]
    public void Minus_is_exact_and_never_negative(string a, string b, string expected)
    {
        Assert.Equal(expected, LeaderboardScore.Parse(a).Minus(LeaderboardScore.Parse(b)).ToString());
    }

    [Fact]
    public void The_key_round_trips()
    {
        var score = LeaderboardScore.Parse("3.14159e-12");

        Assert.Equal(score, LeaderboardScore.FromKey(score.Key));
    }

    // Reference comparison by exponent, then digit by digit.
    private static int Compare(LeaderboardScore a, LeaderboardScore b)
    {
        if (a.IsZero || b.IsZero)
        {
            return a.IsZero.CompareTo(b.IsZero) * -1;
        }

        return a.Exponent != b.Exponent ? a.Exponent.CompareTo(b.Exponent) : string.CompareOrdinal(a.Digits.PadRight(80, '0'), b.Digits.PadRight(80, '0'));
    }
}
