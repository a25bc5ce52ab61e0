namespace LlamaWoolFarm.Client.Tests;

/// <summary>The server's number notation (GAME_RULES §1) read and written by the SDK, beyond double's range.</summary>
public sealed class BigNumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("80061696000")]
    [InlineData("1e+21")]
    [InlineData("1.5e+400")]
    [InlineData("-2.25e+1000")]
    [InlineData("0.0000001")]
    [InlineData("1e-8")]
    [InlineData("6.3029528599999995")]
    [InlineData("98765432100000000000")]
    public void The_servers_notation_round_trips(string text) => Assert.Equal(text, BigNumber.Parse(text).ToString());

    [Theory]
    [InlineData("1E21", "1e+21")]
    [InlineData("1e21", "1e+21")]
    [InlineData("+12.50", "12.5")]
    [InlineData("000.5", "0.5")]
    [InlineData("2.5e-3", "0.0025")]
    public void Other_spellings_parse_to_the_same_value(string text, string canonical) => Assert.Equal(canonical, BigNumber.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void Anything_else_is_refused(string text) => Assert.False(BigNumber.TryParse(text, out _));

    [Fact]
    public void Amounts_beyond_double_compare_and_add()
    {
        var huge = BigNumber.Parse("1.5e+400");
        var larger = BigNumber.Parse("3e+400");

        Assert.True(huge > BigNumber.Parse("1e+308"));
        Assert.True(BigNumber.Parse("-1e+400") < BigNumber.Parse("-1"));
        Assert.Equal(larger, huge + huge);
        Assert.Equal("4.5e+800", (huge * larger).ToString());
        Assert.Equal(huge, huge + BigNumber.One);
        Assert.Equal(double.PositiveInfinity, huge.ToDouble());
        Assert.Equal(1234.5, BigNumber.Parse("1234.5").ToDouble(), 9);
        Assert.Equal("1.5e+400", huge.ToDisplayString(3));
        Assert.Equal("1,234.5", BigNumber.Parse("1234.5").ToDisplayString());
    }
}
