using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Domain.Tests.Numbers;

/// <summary>The one reader of the number notation, which BigNumber and the leaderboards' exact scores both use.</summary>
public sealed class DecimalNotationTests
{
    [Theory]
    [InlineData("0", "", 0L, false)]
    [InlineData("-0", "", 0L, true)]
    [InlineData("000.000", "", 0L, false)]
    [InlineData("0e9000000000000001", "", 0L, false)]
    [InlineData("12.50", "125", 1L, false)]
    [InlineData("+7E-9", "7", -9L, false)]
    [InlineData("-0.00012", "12", -4L, true)]
    [InlineData(".5", "5", -1L, false)]
    [InlineData("5.", "5", 0L, false)]
    [InlineData("1e0005", "1", 5L, false)]
    [InlineData("123456789012345678901234567890", "12345678901234567890123456789", 29L, false)]
    [InlineData("1e9000000000000000", "1", 9_000_000_000_000_000L, false)]
    [InlineData("0.01e9000000000000001", "1", 8_999_999_999_999_999L, false)]
    [InlineData("1e-9000000000000000", "1", -9_000_000_000_000_000L, false)]
    public void Splits_the_notation_into_significant_digits_and_the_power_of_ten_of_the_first(string text, string digits, long exponent, bool negative)
    {
        Span<char> buffer = stackalloc char[DecimalNotation.MaxLength];

        Assert.True(DecimalNotation.TryScan(text, buffer, out var count, out var power, out var minus));

        Assert.Equal(digits, new string(buffer[..count]));
        Assert.Equal(exponent, power);
        Assert.Equal(negative, minus);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0x10")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e-")]
    [InlineData("1e5.5")]
    [InlineData("1e--5")]
    [InlineData("e5")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("1e9000000000000001")]
    [InlineData("10e9000000000000000")]
    [InlineData("1e-9000000000000001")]
    [InlineData("1e99999999999999999")]
    [InlineData("0e999999999999999999")]
    public void Refuses_what_is_not_the_notation_or_leaves_the_exponent_range(string text)
    {
        Span<char> buffer = stackalloc char[DecimalNotation.MaxLength];

        Assert.False(DecimalNotation.TryScan(text, buffer, out var count, out _, out _));
        Assert.Equal(0, count);
    }

    [Fact]
    public void Takes_64_characters_and_refuses_65()
    {
        Span<char> buffer = stackalloc char[DecimalNotation.MaxLength];

        Assert.True(DecimalNotation.TryScan(new string('9', 64), buffer, out var count, out var exponent, out _));
        Assert.Equal((64, 63L), (count, exponent));
        Assert.False(DecimalNotation.TryScan(new string('9', 65), buffer, out _, out _, out _));
    }
}
