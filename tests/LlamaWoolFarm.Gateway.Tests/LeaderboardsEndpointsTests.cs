using System.Net;
using LlamaWoolFarm.Contracts.Leaderboards;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class LeaderboardsEndpointsTests : IClassFixture<LeaderboardsGatewayFactory>
{
    private readonly LeaderboardsGatewayFactory _factory;

    public LeaderboardsEndpointsTests(LeaderboardsGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task A_page_is_asked_of_the_leaderboards_worker_with_the_tokens_player_and_the_paging()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/totalWool?limit=20&offset=40&period=weekly", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(41, data.GetProperty("entries")[0].GetProperty("rank").GetInt64());
        Assert.Equal("1.5e+400", data.GetProperty("entries")[0].GetProperty("score").GetString());
        var asked = _factory.Harness.Consumed.Select<GetLeaderboard>(m => m.Context.Message.PlayerId == playerId).Single().Context.Message;
        Assert.Equal(("totalWool", "weekly", 40L, 20), (asked.Category, asked.Period, asked.Offset, asked.Limit));
    }

    [Fact]
    public async Task Defaults_are_the_all_time_board_from_the_top()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/netWorth", UriKind.Relative));

        await response.DataAsync(HttpStatusCode.OK);
        var asked = _factory.Harness.Consumed.Select<GetLeaderboard>(m => m.Context.Message.PlayerId == playerId).Single().Context.Message;
        Assert.Equal(("allTime", 0L, 50), (asked.Period, asked.Offset, asked.Limit));
    }

    [Theory]
    [InlineData("/api/v1/leaderboards/totalWool?limit=101", "limit")]
    [InlineData("/api/v1/leaderboards/totalWool?limit=0", "limit")]
    [InlineData("/api/v1/leaderboards/totalWool?offset=-1", "offset")]
    [InlineData("/api/v1/leaderboards/totalWool?period=daily", "period")]
    [InlineData("/api/v1/leaderboards/totalWool/around-me?radius=51", "radius")]
    [InlineData("/api/v1/leaderboards/totalWool/rank?season=%3Cscript%3E", "season")]
    public async Task Bad_paging_is_refused_with_the_field_named_and_nothing_is_asked(string path, string field)
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Consumed.Select<GetLeaderboard>(m => m.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_refused()
    {
        var (client, _) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/totalWool?limit=lots", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("/api/v1/leaderboards/gold")]
    [InlineData("/api/v1/leaderboards/gold/around-me")]
    [InlineData("/api/v1/leaderboards/gold/friends")]
    [InlineData("/api/v1/leaderboards/TOTALWOOL/rank")]
    public async Task An_unknown_category_is_404_with_a_stable_code(string path)
    {
        var (client, _) = _factory.Player();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.NotFound, LeaderboardErrorCodes.UnknownCategory);
    }

    [Fact]
    public async Task The_workers_refusal_keeps_its_code()
    {
        var (client, _) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/prestige?period=weekly&season=1999-W01", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.NotFound, LeaderboardErrorCodes.UnknownSeason);
    }

    [Fact]
    public async Task The_friends_board_ranks_the_friends_the_accounts_worker_names()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/prestige/friends", UriKind.Relative));

        await response.DataAsync(HttpStatusCode.OK);
        var asked = _factory.Harness.Consumed.Select<GetFriendsLeaderboard>(m => m.Context.Message.PlayerId == playerId).Single().Context.Message;
        Assert.Equal([LeaderboardsGatewayFactory.FriendA, LeaderboardsGatewayFactory.FriendB], asked.FriendIds);
    }

    [Fact]
    public async Task Rank_and_around_me_answer_for_the_tokens_player()
    {
        var (client, playerId) = _factory.Player();

        using var rank = await client.GetAsync(new Uri("/api/v1/leaderboards/woolPerSecond/rank", UriKind.Relative));
        using var around = await client.GetAsync(new Uri("/api/v1/leaderboards/woolPerSecond/around-me?radius=3", UriKind.Relative));

        var data = await rank.DataAsync(HttpStatusCode.OK);
        Assert.Equal(7, data.GetProperty("rank").GetInt64());
        Assert.Equal(playerId, data.GetProperty("playerId").GetGuid());
        await around.DataAsync(HttpStatusCode.OK);
        // The harness records a consumed message after its consumer returns, which can be after the answer arrived;
        // polled, since the harness's Consumed.Any<T> answered false once under a loaded full run.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_factory.Harness.Consumed.Select<GetLeaderboardAroundPlayer>(m => m.Context.Message.PlayerId == playerId).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the around-me request was not recorded as consumed in time");
            await Task.Delay(10);
        }

        Assert.Equal(3, _factory.Harness.Consumed.Select<GetLeaderboardAroundPlayer>(m => m.Context.Message.PlayerId == playerId).Single().Context.Message.Radius);
    }

    [Fact]
    public async Task Achievements_list_the_catalog_with_the_players_unlocked_ones()
    {
        var (client, _) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/achievements", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(1, data.GetProperty("unlockedCount").GetInt32());
        Assert.Equal(2, data.GetProperty("total").GetInt32());
        var list = data.GetProperty("achievements").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("unlocked").GetBoolean());
        Assert.True(list["first_wool"]);
        Assert.False(list["mogul"]);
    }

    [Fact]
    public async Task Leaderboards_need_a_token()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/totalWool", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
