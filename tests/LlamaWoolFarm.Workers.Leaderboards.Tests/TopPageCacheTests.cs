using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Leaderboards;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests;

/// <summary>The top pages are cached for Leaderboards:TopPageCacheSeconds (2 by default); per-player answers never are.</summary>
public sealed class TopPageCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(new TopPageCacheOptions().TopPageCacheSeconds);

    [Fact]
    public async Task Two_reads_of_a_top_page_within_the_time_to_live_cost_one_query_and_a_read_after_it_sees_the_new_scores()
    {
        var store = new CountingStore();
        await using var f = await LeaderboardsFixture.StartAsync(s => s.AddSingleton<ILeaderboardStore>(store));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 1, "100", f.Clock.Now), LeaderboardsFixture.Scores(b, 1, "50", f.Clock.Now));
        var before = store.PageQueries;

        var first = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));
        await f.ApplyAsync(LeaderboardsFixture.Scores(b, 2, "500", f.Clock.Now));
        f.Clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        var second = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(b, "totalWool", "allTime", null, 1, 20));

        Assert.Equal(before + 1, store.PageQueries);
        Assert.Equal([a, b], first.Entries.Select(e => e.PlayerId));
        // Another page inside the top rows is cut from the same answer, as it stood.
        Assert.Equal(1, second.Offset);
        Assert.Equal([b], second.Entries.Select(e => e.PlayerId));
        Assert.Equal("50", second.Entries[0].Score);

        f.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var third = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));

        Assert.Equal(before + 2, store.PageQueries);
        Assert.Equal([b, a], third.Entries.Select(e => e.PlayerId));
        Assert.Equal([1L, 2L], third.Entries.Select(e => e.Rank));
    }

    [Fact]
    public async Task A_page_cut_from_the_cached_rows_tells_how_much_longer_they_hold_and_no_other_answer_is_reusable()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 1, "100", f.Clock.Now), LeaderboardsFixture.Scores(b, 1, "50", f.Clock.Now));

        var (_, fresh) = await f.Service.GetPageAnswerAsync(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 100), CancellationToken.None);
        f.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        var (_, later) = await f.Service.GetPageAnswerAsync(new GetLeaderboard(a, "totalWool", "allTime", null, 10, 20), CancellationToken.None);
        var (_, deeper) = await f.Service.GetPageAnswerAsync(new GetLeaderboard(a, "totalWool", "allTime", null, 100, 20), CancellationToken.None);

        Assert.Equal(Ttl, fresh);
        Assert.Equal(Ttl - TimeSpan.FromMilliseconds(1500), later);
        Assert.Null(deeper);

        // Over the bus the answer carries it as a header, which a gateway keeps the page by.
        var response = await f.Harness.GetRequestClient<GetLeaderboard>().GetResponse<LeaderboardPage, LeaderboardNotFound>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));
        Assert.True(response.Is(out MassTransit.Response<LeaderboardPage>? page));
        Assert.Equal(500L, page!.Headers.Get<long>(LeaderboardHeaders.ReusableForMilliseconds));

        // A hidden (banned) player on the board: pages are read fresh and are not reusable, so no gateway keeps them.
        await f.Provider.GetRequiredService<Services.HiddenPlayers>().HideAsync(a, null, CancellationToken.None);
        var (hiddenPage, hidden) = await f.Service.GetPageAnswerAsync(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 100), CancellationToken.None);
        Assert.Null(hidden);
        Assert.Equal([b], ((LeaderboardPage)hiddenPage).Entries.Select(e => e.PlayerId));
        var banned = await f.Harness.GetRequestClient<GetLeaderboard>().GetResponse<LeaderboardPage, LeaderboardNotFound>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));
        Assert.False(banned.Headers.TryGetHeader(LeaderboardHeaders.ReusableForMilliseconds, out _));
    }

    [Fact]
    public async Task A_burst_of_readers_of_one_board_costs_one_query()
    {
        var store = new CountingStore();
        await using var f = await LeaderboardsFixture.StartAsync(s => s.AddSingleton<ILeaderboardStore>(store));
        await f.ApplyAsync(LeaderboardsFixture.Scores(Guid.NewGuid(), 1, "100", f.Clock.Now));
        var before = store.PageQueries;

        var pages = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            f.Service.GetPageAsync(new GetLeaderboard(Guid.NewGuid(), "totalWool", "allTime", null, 0, 11 + i), CancellationToken.None)));

        Assert.Equal(before + 1, store.PageQueries);
        Assert.All(pages, p => Assert.Single(((LeaderboardPage)p).Entries));
    }

    [Fact]
    public async Task Each_board_and_season_has_its_own_cached_page()
    {
        var store = new CountingStore();
        await using var f = await LeaderboardsFixture.StartAsync(s => s.AddSingleton<ILeaderboardStore>(store));
        var player = Guid.NewGuid();
        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 1, "100", f.Clock.Now, prestiges: 3));
        var before = store.PageQueries;

        var wool = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(player, "totalWool", "allTime", null, 0, 20));
        var prestige = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(player, "prestige", "allTime", null, 0, 20));
        var weekly = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(player, "totalWool", "weekly", null, 0, 20));

        Assert.Equal(before + 3, store.PageQueries);
        Assert.Equal(("totalWool", "allTime"), (wool.Category, wool.Period));
        Assert.Equal(("prestige", "allTime"), (prestige.Category, prestige.Period));
        Assert.Equal(("totalWool", "weekly"), (weekly.Category, weekly.Period));
        Assert.NotNull(weekly.Season);
    }

    [Fact]
    public async Task Around_me_rank_and_pages_past_the_top_rows_are_read_fresh_every_time()
    {
        var store = new CountingStore();
        await using var f = await LeaderboardsFixture.StartAsync(s => s.AddSingleton<ILeaderboardStore>(store));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 1, "100", f.Clock.Now), LeaderboardsFixture.Scores(b, 1, "50", f.Clock.Now));
        Assert.Equal(1, (await f.AskAsync<GetPlayerRank, PlayerRank>(new GetPlayerRank(a, "totalWool", "allTime", null))).Rank);
        await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));
        var before = store.PageQueries;

        await f.ApplyAsync(LeaderboardsFixture.Scores(b, 2, "500", f.Clock.Now));
        var rank = await f.AskAsync<GetPlayerRank, PlayerRank>(new GetPlayerRank(a, "totalWool", "allTime", null));
        var around = await f.AskAsync<GetLeaderboardAroundPlayer, LeaderboardPage>(new GetLeaderboardAroundPlayer(a, "totalWool", "allTime", null, 1));
        await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 100, 20));
        await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 100, 20));

        Assert.Equal(2, rank.Rank);
        Assert.Equal([b, a], around.Entries.Select(e => e.PlayerId));
        Assert.Equal(before + 2, store.PageQueries);
    }

    [Fact]
    public async Task With_the_cache_off_every_read_queries_the_board()
    {
        var store = new CountingStore();
        await using var f = await LeaderboardsFixture.StartAsync(s => s
            .AddSingleton<ILeaderboardStore>(store)
            .AddSingleton(new TopPageCacheOptions { TopPageCacheSeconds = 0 }));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(a, 1, "100", f.Clock.Now), LeaderboardsFixture.Scores(b, 1, "50", f.Clock.Now));
        var before = store.PageQueries;

        await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));
        await f.ApplyAsync(LeaderboardsFixture.Scores(b, 2, "500", f.Clock.Now));
        var second = await f.AskAsync<GetLeaderboard, LeaderboardPage>(new GetLeaderboard(a, "totalWool", "allTime", null, 0, 50));

        Assert.Equal(before + 2, store.PageQueries);
        Assert.Equal([b, a], second.Entries.Select(e => e.PlayerId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(61)]
    public void A_time_to_live_outside_0_to_60_seconds_is_refused_at_start(int seconds) =>
        Assert.NotEmpty(new TopPageCacheOptions { TopPageCacheSeconds = seconds }.Validate());

    /// <summary>The in-process store, counting the top-rows queries the pages make.</summary>
    private sealed class CountingStore : ILeaderboardStore
    {
        private readonly InProcessLeaderboardStore _inner = new();
        private int _pageQueries;

        public int PageQueries => Volatile.Read(ref _pageQueries);

        public Task<IReadOnlyList<LeaderboardEntry>> GetTopAsync(string board, long offset, int limit, CancellationToken cancellationToken = default)
        {
            // Applying scores reads the top 10 for the LeaderboardUpdated broadcast; the pages of these tests never ask for 10 rows.
            if (limit != Services.TopTenUpdates.Size)
            {
                Interlocked.Increment(ref _pageQueries);
            }

            return _inner.GetTopAsync(board, offset, limit, cancellationToken);
        }

        public Task<IReadOnlyList<SubmissionResult>> SubmitAsync(string board, IReadOnlyList<ScoreSubmission> submissions, CancellationToken cancellationToken = default) =>
            _inner.SubmitAsync(board, submissions, cancellationToken);

        public Task<LeaderboardEntry?> GetEntryAsync(string board, Guid playerId, CancellationToken cancellationToken = default) =>
            _inner.GetEntryAsync(board, playerId, cancellationToken);

        public Task<IReadOnlyList<LeaderboardEntry>> GetAroundAsync(string board, Guid playerId, int before, int after, CancellationToken cancellationToken = default) =>
            _inner.GetAroundAsync(board, playerId, before, after, cancellationToken);

        public Task<IReadOnlyList<LeaderboardEntry>> GetEntriesAsync(string board, IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default) =>
            _inner.GetEntriesAsync(board, playerIds, cancellationToken);

        public Task<long> CountAsync(string board, CancellationToken cancellationToken = default) => _inner.CountAsync(board, cancellationToken);

        public Task<bool> RemoveAsync(string board, Guid playerId, CancellationToken cancellationToken = default) => _inner.RemoveAsync(board, playerId, cancellationToken);

        public Task<bool> DeleteAsync(string board, CancellationToken cancellationToken = default) => _inner.DeleteAsync(board, cancellationToken);
    }
}
