using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Domain.Tests.Numbers;

public class BigNumberTests
{
    [Theory]
    [InlineData(80061696000d, "80061696000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.5e-7, "0.00000015")]
    [InlineData(1e-8, "1e-8")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0d, "0")]
    [InlineData(123.456, "123.456")]
    public void Formats_like_decimal_js_plain_inside_the_exponent_range_and_e_notation_outside(double value, string expected) =>
        Assert.Equal(expected, BigNumber.FromDouble(value).ToString());

    // Issue 18: binary-float noise in the API ("6.4879385780000005") is gone, the stored form keeps every bit.
    [Theory]
    [InlineData(6.4879385780000005, "6.487938578")]
    [InlineData(0.64879385780000005, "0.6487938578")]
    [InlineData(654.1166524776642, "654.116652477664")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(9.9999999999999995, "10")]
    [InlineData(9.99999999999999e25, "9.99999999999999e+25")]
    [InlineData(9.999999999999999e25, "1e+26")]
    [InlineData(-1.23456789012345678e-9, "-1.23456789012346e-9")]
    public void Formats_with_fifteen_significant_digits(double value, string expected)
    {
        var number = BigNumber.FromDouble(value);
        Assert.Equal(expected, number.ToString());
        Assert.Equal(number, BigNumber.Parse(number.ToRoundTripString()));
    }

    [Fact]
    public void Formats_numbers_beyond_double_in_e_notation()
    {
        var value = BigNumber.Parse("1.5e400");
        Assert.Equal("1.5e+400", value.ToString());
        Assert.Equal(1.5, value.Mantissa);
        Assert.Equal(400, value.Exponent);
    }

    [Theory]
    [InlineData("1e+21", 1, 21)]
    [InlineData("1e21", 1, 21)]
    [InlineData("1E21", 1, 21)]
    [InlineData("42", 4.2, 1)]
    [InlineData("-42", -4.2, 1)]
    [InlineData("+7", 7, 0)]
    [InlineData("0.000123", 1.23, -4)]
    [InlineData("12.5e-3", 1.25, -2)]
    [InlineData("007", 7, 0)]
    [InlineData(".5", 5, -1)]
    [InlineData("5.", 5, 0)]
    [InlineData("1.5e+400", 1.5, 400)]
    public void Parses_plain_and_e_notation_with_or_without_plus(string text, double mantissa, long exponent)
    {
        Assert.True(BigNumber.TryParse(text, out var value));
        Assert.Equal(mantissa, value.Mantissa, 12);
        Assert.Equal(exponent, value.Exponent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" 1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("1e+")]
    [InlineData("12a")]
    [InlineData("1e99999999999999999")]
    public void Refuses_what_is_not_a_decimal_number(string? text) =>
        Assert.False(BigNumber.TryParse(text, out _));

    [Fact]
    public void Refuses_strings_longer_than_64_characters_even_when_well_formed()
    {
        var sixtyFour = new string('1', 64);
        Assert.True(BigNumber.TryParse(sixtyFour, out _));
        Assert.False(BigNumber.TryParse(sixtyFour + "1", out _));
    }

    [Fact]
    public void Zero_is_the_default_value_and_parses_from_every_spelling()
    {
        Assert.Equal(BigNumber.Zero, default);
        Assert.True(BigNumber.Parse("0").IsZero);
        Assert.Equal(BigNumber.Zero, BigNumber.Parse("-0.000e5"));
        Assert.Equal(0, BigNumber.Zero.Sign);
    }

    [Fact]
    public void Arithmetic_gives_the_worked_values()
    {
        var a = BigNumber.FromDouble(1.5e300);
        var b = BigNumber.FromDouble(2e300);
        Assert.Equal("3e+600", (a * b).ToString());
        Assert.True((a + b).AlmostEquals(BigNumber.FromDouble(3.5e300)));
        Assert.True((b - a).AlmostEquals(BigNumber.FromDouble(5e299)));
        Assert.True((b / a).AlmostEquals(BigNumber.FromDouble(4.0 / 3)));
        Assert.Equal(BigNumber.FromDouble(1e20), BigNumber.FromDouble(1e20) + BigNumber.FromDouble(1));
        Assert.True(BigNumber.FromDouble(10).Pow(400).AlmostEquals(BigNumber.Parse("1e400")));
        Assert.Equal(3.0, BigNumber.FromDouble(1000).Log10(), 12);
        Assert.Equal(400.0, BigNumber.Parse("1e400").Log10(), 12);
        Assert.Equal(BigNumber.FromDouble(12), BigNumber.FromDouble(12.9).Floor());
        Assert.Equal(BigNumber.FromDouble(-1), BigNumber.FromDouble(-0.5).Floor());
        Assert.Throws<DivideByZeroException>(() => BigNumber.One / BigNumber.Zero);
    }

    [Fact]
    public void Tolerant_comparison_treats_a_relative_difference_of_1e_minus_9_as_equal()
    {
        var value = BigNumber.Parse("1e50");
        var close = BigNumber.Parse("1.0000000005e50");
        var far = BigNumber.Parse("1.000000002e50");
        Assert.True(value.AlmostEquals(close));
        Assert.Equal(0, close.CompareWithTolerance(value));
        Assert.False(value.AlmostEquals(far));
        Assert.Equal(1, far.CompareWithTolerance(value));
    }

    [Fact]
    public void Json_carries_big_numbers_as_strings_and_refuses_json_numbers_and_invalid_strings()
    {
        var json = JsonSerializer.Serialize(new Holder(BigNumber.Parse("1e+21")));
        Assert.Equal("{\"Value\":\"1e+21\"}", json);
        Assert.Equal(BigNumber.Parse("1e21"), JsonSerializer.Deserialize<Holder>("{\"Value\":\"1e21\"}")!.Value);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("{\"Value\":12}"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("{\"Value\":\"NaN\"}"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("{\"Value\":\"" + new string('9', 65) + "\"}"));
    }

    [Property(MaxTest = 500)]
    public bool Formatting_then_parsing_gives_back_exactly_the_same_number(NormalFloat mantissaSeed, int exponentSeed)
    {
        var value = Make(mantissaSeed.Get, exponentSeed);
        var text = value.ToRoundTripString();
        return text.Length <= BigNumber.MaxStringLength && BigNumber.Parse(text) == value;
    }

    // What the server writes (a save, a price) reads back to a number that writes the same text again, so a
    // downloaded save uploaded unchanged keeps its checksum; the value moves by at most half a unit of the 15th digit.
    [Property(MaxTest = 500)]
    public bool The_fifteen_digit_form_is_stable_and_close(NormalFloat mantissaSeed, int exponentSeed)
    {
        var value = Make(mantissaSeed.Get, exponentSeed);
        var text = value.ToString();
        var back = BigNumber.Parse(text);
        var digits = text.TrimStart('-').Split('e')[0].Replace(".", string.Empty, StringComparison.Ordinal).Trim('0');
        return text.Length <= BigNumber.MaxStringLength && back.ToString() == text && digits.Length <= BigNumber.SignificantDigits
            && value.AlmostEquals(back, 1e-14);
    }

    [Property(MaxTest = 500)]
    public bool Doubles_survive_the_trip_through_a_big_number(NormalFloat value)
    {
        var number = BigNumber.FromDouble(value.Get);
        var back = number.ToDouble();
        return value.Get == 0 ? back == 0 : Math.Abs(back - value.Get) <= Math.Abs(value.Get) * 1e-15;
    }

    [Property(MaxTest = 500)]
    public bool Ordering_agrees_with_double_wherever_double_can_hold_the_values(NormalFloat left, NormalFloat right)
    {
        var expected = Math.Sign(left.Get.CompareTo(right.Get));
        return Math.Sign(BigNumber.FromDouble(left.Get).CompareTo(BigNumber.FromDouble(right.Get))) == expected;
    }

    [Property(MaxTest = 500)]
    public bool Addition_and_multiplication_keep_their_identities_within_tolerance(NormalFloat a, NormalFloat b, int exponentSeed)
    {
        var x = Make(a.Get, exponentSeed);
        var y = Make(b.Get, exponentSeed / 3);
        var sumCommutes = (x + y) == (y + x);
        var productCommutes = (x * y) == (y * x);
        var subtractThenAdd = (x - y + y).AlmostEquals(x, 1e-9) || (x - y + y - x).Abs() <= y.Abs() * BigNumber.FromDouble(1e-12);
        var divideThenMultiply = y.IsZero || (x / y * y).AlmostEquals(x);
        var zeroAndOne = x + BigNumber.Zero == x && x * BigNumber.One == x;
        var logOfProduct = x.IsZero || y.IsZero || x.IsNegative || y.IsNegative
            || Math.Abs((x * y).Log10() - (x.Log10() + y.Log10())) <= 1e-9 * Math.Max(1, Math.Abs(x.Log10() + y.Log10()));
        return sumCommutes && productCommutes && subtractThenAdd && divideThenMultiply && zeroAndOne && logOfProduct;
    }

    [Property(MaxTest = 300)]
    public bool Parsing_a_plain_integer_equals_the_double_of_that_integer(long integer)
    {
        var text = integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return BigNumber.Parse(text).AlmostEquals(BigNumber.FromDouble(integer), 1e-15);
    }

    private static BigNumber Make(double seed, int exponentSeed)
    {
        if (seed == 0)
        {
            return BigNumber.Zero;
        }

        var mantissa = 1 + (Math.Abs(seed) % 9);
        return BigNumber.FromParts(seed < 0 ? -mantissa : mantissa, exponentSeed % 100_000);
    }

    private sealed record Holder(BigNumber Value);
}
