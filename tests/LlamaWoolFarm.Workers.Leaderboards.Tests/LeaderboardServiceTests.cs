using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Leaderboards;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests;

public sealed class LeaderboardServiceTests
{
    [Fact]
    public async Task Published_score_changes_are_consumed_in_batches_and_ranked_in_every_category()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        await f.Harness.Bus.Publish(LeaderboardsFixture.Scores(a, 1, "1e400", f.Clock.Now, prestiges: 2, perSecond: "5"));
        await f.Harness.Bus.Publish(LeaderboardsFixture.Scores(b, 1, "2e300", f.Clock.Now, prestiges: 7, perSecond: "50"));
        Assert.True(await f.Harness.GetConsumerHarness<Consumers.ScoresChangedConsumer>().Consumed.Any<Batch<ScoresChanged>>());
        await f.Harness.InactivityTask;

        var wool = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 10));
        var prestige = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "prestige", "allTime", null, 0, 10));
        var rate = await f.AskAsync<GetPlayerRank, PlayerRank>(new GetPlayerRank(a, "woolPerSecond", "allTime", null));

        Assert.Equal([a, b], wool.Entries.Select(e => e.PlayerId));
        Assert.Equal("1e+400", wool.Entries[0].Score);
        Assert.Equal([b, a], prestige.Entries.Select(e => e.PlayerId));
        Assert.Equal(2, rate.Rank);
        Assert.Equal(2, rate.Total);
    }

    [Fact]
    public async Task A_repeated_or_older_revision_changes_nothing()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var player = Guid.NewGuid();
        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 5, "500", f.Clock.Now));

        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 5, "900", f.Clock.Now), LeaderboardsFixture.Scores(player, 3, "700", f.Clock.Now));

        var rank = await f.AskAsync<GetPlayerRank, PlayerRank>(new GetPlayerRank(player, "totalWool", "allTime", null));
        Assert.Equal("500", rank.Score);
    }

    [Fact]
    public async Task Within_a_batch_the_newest_revision_of_a_player_wins()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var player = Guid.NewGuid();

        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 9, "90", f.Clock.Now), LeaderboardsFixture.Scores(player, 4, "40", f.Clock.Now));

        Assert.Equal("90", (await f.AskAsync<GetPlayerRank, PlayerRank>(new GetPlayerRank(player, "totalWool", "allTime", null))).Score);
    }

    [Theory]
    [InlineData("gold", "allTime", null, LeaderboardErrorCodes.UnknownCategory)]
    [InlineData("totalWool", "daily", null, LeaderboardErrorCodes.UnknownPeriod)]
    [InlineData("totalWool", "weekly", "2026-W60", LeaderboardErrorCodes.UnknownSeason)]
    [InlineData("totalWool", "allTime", "2026-W01", LeaderboardErrorCodes.UnknownSeason)]
    public async Task Unknown_boards_are_answered_with_a_stable_code(string category, string period, string? season, string code)
    {
        await using var f = await LeaderboardsFixture.StartAsync();

        var response = await f.Harness.GetRequestClient<GetLeaderboard>()
            .GetResponse<LeaderboardPage, LeaderboardNotFound>(new GetLeaderboard(Guid.NewGuid(), category, period, season, 0, 10));

        Assert.True(response.Is(out Response<LeaderboardNotFound>? notFound));
        Assert.Equal(code, notFound!.Message.Code);
    }

    [Fact]
    public async Task Around_me_and_friends_answer_global_ranks()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var players = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        await f.ApplyAsync(players.Select((p, i) => LeaderboardsFixture.Scores(p, 1, (1000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), f.Clock.Now)).ToArray());

        var around = await f.AskAsync<GetLeaderboardAroundPlayer, LeaderboardPage>(new GetLeaderboardAroundPlayer(players[10], "totalWool", "allTime", null, 2));
        var friends = await f.AskAsync<GetFriendsLeaderboard, LeaderboardPage>(new GetFriendsLeaderboard(players[10], "totalWool", "allTime", null, [players[15], players[3], Guid.NewGuid()]));

        Assert.Equal(players[8..13], around.Entries.Select(e => e.PlayerId));
        Assert.Equal(8, around.Offset);
        Assert.Equal([4L, 11, 16], friends.Entries.Select(e => e.Rank));
    }

    [Fact]
    public async Task Rank_moves_are_published_when_worth_telling()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 1, "100", f.Clock.Now), LeaderboardsFixture.Scores(b, 1, "50", f.Clock.Now));

        await f.ApplyAsync(LeaderboardsFixture.Scores(b, 2, "150", f.Clock.Now));

        Assert.True(await f.Harness.Published.Any<RankChanged>(m => m.Context.Message.PlayerId == b && m.Context.Message.OldRank == 2 && m.Context.Message.NewRank == 1 && m.Context.Message.Category == "totalWool"));
    }

    [Theory]
    [InlineData(null, 5000L, true)]
    [InlineData(101L, 100L, true)]
    [InlineData(3L, 3L, false)]
    [InlineData(500L, 490L, true)]
    [InlineData(500L, 491L, false)]
    [InlineData(5000L, 5009L, false)]
    public void A_move_is_worth_telling_at_one_place_in_the_top_100_and_ten_places_elsewhere(long? oldRank, long newRank, bool expected)
    {
        Assert.Equal(expected, LeaderboardService.WorthTelling(oldRank, newRank));
    }

    [Fact]
    public async Task A_banned_player_is_left_out_of_top_ten_updates_and_the_others_move_up()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var updates = f.Provider.GetRequiredService<TopTenUpdates>();
        var (cheat, honest) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(cheat, 1, "1e30", f.Clock.Now));
        await f.ApplyAsync(LeaderboardsFixture.Scores(honest, 1, "20", f.Clock.Now));
        await f.Provider.GetRequiredService<HiddenPlayers>().HideAsync(cheat, null, CancellationToken.None);

        f.Clock.Advance(TimeSpan.FromSeconds(2));
        await updates.ChangedAsync("totalWool", f.Harness.Bus, CancellationToken.None);

        var last = Updates(f)[^1];
        Assert.DoesNotContain(last.Top, e => e.PlayerId == cheat);
        Assert.Equal(honest, last.Top[0].PlayerId);
        Assert.Equal(1, last.Top[0].Rank);
    }

    [Fact]
    public async Task Top_ten_changes_are_coalesced_to_one_update_per_second()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var updates = f.Provider.GetRequiredService<TopTenUpdates>();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 1, "10", f.Clock.Now));
        await f.ApplyAsync(LeaderboardsFixture.Scores(b, 1, "20", f.Clock.Now));
        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 2, "30", f.Clock.Now));
        await updates.FlushAsync(f.Harness.Bus, CancellationToken.None);
        var beforeInterval = Updates(f).Count;
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        await updates.FlushAsync(f.Harness.Bus, CancellationToken.None);
        await updates.FlushAsync(f.Harness.Bus, CancellationToken.None);

        var published = Updates(f);
        Assert.Equal(1, beforeInterval);
        Assert.Equal(2, published.Count);
        Assert.Equal([a, b], published[1].Top.Select(e => e.PlayerId));
    }

    [Fact]
    public async Task Weekly_wool_counts_what_was_produced_during_the_week()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var (veteran, newcomer) = (Guid.NewGuid(), Guid.NewGuid());
        var lastWeek = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var thisWeek = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        f.Clock.Now = thisWeek;
        await f.ApplyAsync(LeaderboardsFixture.Scores(veteran, 1, "1000000", lastWeek));

        await f.ApplyAsync(LeaderboardsFixture.Scores(veteran, 2, "1000500", thisWeek), LeaderboardsFixture.Scores(newcomer, 1, "800", thisWeek));
        await f.ApplyAsync(LeaderboardsFixture.Scores(veteran, 3, "1000600", thisWeek.AddHours(1)));

        var weekly = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(veteran, "totalWool", "weekly", null, 0, 10));
        Assert.Equal("2026-W48", weekly.Season);
        Assert.Equal([(newcomer, "800"), (veteran, "600")], weekly.Entries.Select(e => (e.PlayerId, e.Score)));
        var allTime = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(veteran, "totalWool", "allTime", null, 0, 10));
        Assert.Equal(veteran, allTime.Entries[0].PlayerId);
    }

    [Fact]
    public async Task A_closed_season_keeps_its_final_standings_and_ignores_late_scores()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var player = Guid.NewGuid();
        var inSeason = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 1, "300", inSeason, netWorth: "300"));
        f.Clock.Now = new DateTimeOffset(2026, 11, 23, 0, 0, 5, TimeSpan.Zero);
        var endpoint = await f.Harness.Bus.GetSendEndpoint(Queues.For<CloseLeaderboardSeasons>());

        await endpoint.Send(new CloseLeaderboardSeasons(Guid.NewGuid(), f.Clock.Now));
        Assert.True(await f.Harness.Published.Any<LeaderboardSeasonClosed>(m => m.Context.Message.Season == "2026-W47"));
        // A late score stamped inside the closed week must not change its final standings.
        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 2, "999", inSeason.AddHours(1), netWorth: "999"));
        var closedAgain = await f.Service.CloseSeasonsAsync(f.Clock.Now, CancellationToken.None);

        var final = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(player, "netWorth", "weekly", "2026-W47", 0, 10));
        Assert.True(final.Final);
        Assert.Equal("300", Assert.Single(final.Entries).Score);
        Assert.Empty(closedAgain);
    }

    [Fact]
    public async Task Embedded_boards_are_rebuilt_from_the_stored_game_states()
    {
        // The game worker owns the stored states and answers their scores page by page (here one per page).
        var (rich, poor) = (Guid.NewGuid(), Guid.NewGuid());
        IReadOnlyList<ScoresChanged> stored = [Scores(rich, 7, "1e12"), Scores(poor, 7, "5")];
        await using var game = await TestBus.StartAsync(s => s.AddSingleton(stored), x => x.AddConsumer<StoredScores>());
        var store = new InProcessLeaderboardStore();
        var bus = game.GetRequiredService<MassTransit.Testing.ITestHarness>().Bus;
        var lifetime = new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(Microsoft.Extensions.Logging.Abstractions.NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance);

        var count = await new LeaderboardRebuild(store, bus, lifetime, Microsoft.Extensions.Logging.Abstractions.NullLogger<LeaderboardRebuild>.Instance)
            .RebuildAsync(CancellationToken.None);

        Assert.Equal(2, count);
        Assert.Equal([rich, poor], (await store.GetTopAsync("totalWool", 0, 10)).Select(e => e.PlayerId));
        // The rebuilt revision makes a replayed older score change nothing.
        var stale = await store.SubmitAsync("totalWool", [new ScoreSubmission(poor, 6, LeaderboardScore.Parse("1e20"), Testing.TestBus.Start)]);
        Assert.False(stale.Single().Applied);

        static ScoresChanged Scores(Guid player, long revision, string wool) =>
            new(player, revision, wool, wool, 0, 0, "0.5", Testing.TestBus.Start);
    }

    private static List<LeaderboardUpdated> Updates(LeaderboardsFixture f) =>
        f.Harness.Published.Select<LeaderboardUpdated>().Where(m => m.Context.Message.Category == "totalWool").Select(m => m.Context.Message).ToList();

    /// <summary>Stands in for the game worker's answer to <see cref="GetGameScores"/>: the scores of its stored states, one per page.</summary>
    private sealed class StoredScores(IReadOnlyList<ScoresChanged> all) : IConsumer<GetGameScores>
    {
        public Task Consume(ConsumeContext<GetGameScores> context)
        {
            var index = context.Message.After is null ? 0 : int.Parse(context.Message.After, System.Globalization.CultureInfo.InvariantCulture);
            var next = index + 1 < all.Count ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return context.RespondAsync(new GameScoresPage([.. all.Skip(index).Take(1)], next));
        }
    }
}
