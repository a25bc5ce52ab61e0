using LlamaWoolFarm.Storage.Cache;

namespace LlamaWoolFarm.Storage.Tests.Cache;

public sealed class CacheKeyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Leaderboard")]
    [InlineData("leader:board")]
    [InlineData("leader board")]
    [InlineData("a-namespace-that-is-far-too-long-to-be-useful")]
    public void A_namespace_outside_lowercase_letters_digits_and_dashes_is_refused(string @namespace) =>
        Assert.Throws<ArgumentException>(() => new CacheKey(@namespace, "id"));

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    public void An_empty_id_or_one_with_control_characters_is_refused(string id) =>
        Assert.Throws<ArgumentException>(() => new CacheKey("test", id));

    [Fact]
    public void An_overlong_id_is_refused() =>
        Assert.Throws<ArgumentException>(() => new CacheKey("test", new string('x', CacheKey.MaxIdLength + 1)));

    [Fact]
    public void A_key_reads_namespace_colon_id() =>
        Assert.Equal("leaderboard-top:totalWool:allTime:-", new CacheKey("leaderboard-top", "totalWool:allTime:-").ToString());
}
