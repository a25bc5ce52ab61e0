using LlamaWoolFarm.Storage.Analytics;

namespace LlamaWoolFarm.Storage.Tests.Analytics;

public sealed class LineProtocolTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch.AddTicks(12_345);

    [Fact]
    public void A_point_is_one_line_with_sorted_tags_typed_fields_and_nanoseconds()
    {
        var line = LineProtocol.Encode(new AnalyticsPoint(
            "game_action",
            new Dictionary<string, string> { ["player"] = "p1", ["action"] = "click", ["empty"] = string.Empty },
            new Dictionary<string, object> { ["wool"] = 2.5, ["quantity"] = 3L, ["ok"] = true, ["count"] = 7, ["note"] = "hi" },
            At));

        Assert.Equal("game_action,action=click,player=p1 count=7i,note=\"hi\",ok=true,quantity=3i,wool=2.5 1234500", line);
    }

    [Theory]
    [InlineData("a b,c", "a\\ b\\,c")]
    [InlineData("x=y", "x=y")]
    [InlineData("é☃", "é☃")]
    public void Measurements_escape_commas_and_spaces(string measurement, string expected)
    {
        var line = LineProtocol.Encode(new AnalyticsPoint(measurement, new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = 1L }, At));

        Assert.StartsWith(expected + " f=1i", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_keys_tag_values_and_field_keys_escape_commas_equals_and_spaces()
    {
        var line = LineProtocol.Encode(new AnalyticsPoint(
            "m",
            new Dictionary<string, string> { ["k ,="] = "v ,=" },
            new Dictionary<string, object> { ["f ,="] = 1L },
            At));

        Assert.Equal("m,k\\ \\,\\==v\\ \\,\\= f\\ \\,\\==1i 1234500", line);
    }

    [Fact]
    public void String_fields_escape_quotes_and_backslashes_and_keep_everything_else()
    {
        var line = LineProtocol.Encode(new AnalyticsPoint("m", new Dictionary<string, string>(), new Dictionary<string, object> { ["s"] = "a\"b\\c, d=e\nf" }, At));

        Assert.Equal("m s=\"a\\\"b\\\\c, d=e\nf\" 1234500", line);
    }

    [Theory]
    [InlineData("", "t", "v", "f")]
    [InlineData("#comment", "t", "v", "f")]
    [InlineData("m\\", "t", "v", "f")]
    [InlineData("m", "t\n", "v", "f")]
    [InlineData("m", "t", "ends\\", "f")]
    [InlineData("m", "t", "line\nbreak", "f")]
    [InlineData("m", "time", "v", "f")]
    [InlineData("m", "t", "v", "time")]
    [InlineData("m", "t", "v", "")]
    public void What_line_protocol_cannot_carry_is_refused(string measurement, string tagKey, string tagValue, string fieldKey)
    {
        var point = new AnalyticsPoint(measurement, new Dictionary<string, string> { [tagKey] = tagValue }, new Dictionary<string, object> { [fieldKey] = 1L }, At);

        Assert.Throws<ArgumentException>(() => LineProtocol.Encode(point));
    }

    [Fact]
    public void Non_finite_numbers_other_types_and_fieldless_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.Encode(new AnalyticsPoint("m", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = double.NaN }, At)));
        Assert.Throws<ArgumentException>(() => LineProtocol.Encode(new AnalyticsPoint("m", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = double.PositiveInfinity }, At)));
        Assert.Throws<ArgumentException>(() => LineProtocol.Encode(new AnalyticsPoint("m", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = DateTime.UtcNow }, At)));
        Assert.Throws<ArgumentException>(() => LineProtocol.Encode(new AnalyticsPoint("m", new Dictionary<string, string>(), new Dictionary<string, object>(), At)));
    }

    [Fact]
    public void InfluxQl_quotes_identifiers_and_literals()
    {
        Assert.Equal("\"a \\\"b\\\\\"", InfluxQl.Identifier("a \"b\\"));
        Assert.Equal("'it\\'s \\\\'", InfluxQl.Literal("it's \\"));
        Assert.Equal("'2026-03-10T01:02:03.0000004Z'", InfluxQl.Time(new DateTimeOffset(2026, 3, 10, 1, 2, 3, TimeSpan.Zero).AddTicks(4)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8086/?db=llamawoolfarm", "http://127.0.0.1:8086/", "llamawoolfarm", null)]
    [InlineData("https://user:p%40ss@influx.example:8443/?db=my%20db", "https://influx.example:8443/", "my db", "user")]
    public void A_connection_string_names_the_server_the_database_and_the_credentials(string connection, string address, string database, string? user)
    {
        Assert.True(InfluxOptions.TryParse(connection, out var options, out _));
        Assert.Equal(new Uri(address), options!.BaseAddress);
        Assert.Equal(database, options.Database);
        Assert.Equal(user, options.Username);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:8086")]
    [InlineData("ftp://127.0.0.1:8086/?db=x")]
    [InlineData("http://127.0.0.1:8086/")]
    public void A_connection_string_without_an_http_url_or_a_database_is_refused(string connection)
    {
        Assert.False(InfluxOptions.TryParse(connection, out _, out var error));
        Assert.NotEmpty(error);
    }
}
