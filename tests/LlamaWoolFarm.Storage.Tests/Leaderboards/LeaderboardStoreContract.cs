using LlamaWoolFarm.Storage.Leaderboards;

namespace LlamaWoolFarm.Storage.Tests.Leaderboards;

/// <summary>
/// What every leaderboard adapter must do. Each adapter's test class supplies a store; every test uses boards of
/// its own, which are deleted afterwards.
/// </summary>
public abstract class LeaderboardStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<string> _boards = [];
    private ILeaderboardStore? _store;

    protected ILeaderboardStore Store => _store ??= CreateStore();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var board in _boards)
        {
            await Store.DeleteAsync(board);
        }
    }

    [Fact]
    public async Task Higher_scores_rank_first_across_magnitudes_beyond_double()
    {
        var board = NewBoard();
        var (a, b, c, d, e) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Submit(board, (a, "1e400"), (b, "9.99e399"), (c, "1.5e+308"), (d, "0"), (e, "123.5"));

        var top = await Store.GetTopAsync(board, 0, 10);

        Assert.Equal([a, b, c, e, d], top.Select(x => x.PlayerId));
        Assert.Equal([1L, 2, 3, 4, 5], top.Select(x => x.Rank));
        Assert.Equal(["1e+400", "9.99e+399", "1.5e+308", "123.5", "0"], top.Select(x => x.Score));
    }

    [Fact]
    public async Task Scores_a_double_cannot_tell_apart_are_still_ordered_exactly()
    {
        var board = NewBoard();
        var (low, high) = (Guid.NewGuid(), Guid.NewGuid());
        // Both have the same double: they differ in the 30th significant digit.
        await Submit(board, (high, "1.00000000000000000000000000002e5000"), (low, "1.00000000000000000000000000001e5000"));

        var top = await Store.GetTopAsync(board, 0, 2);

        Assert.Equal([high, low], top.Select(x => x.PlayerId));
    }

    [Fact]
    public async Task Of_equal_scores_whoever_reached_it_first_ranks_higher()
    {
        var board = NewBoard();
        var (late, early) = (Guid.NewGuid(), Guid.NewGuid());
        await Store.SubmitAsync(board, [new ScoreSubmission(late, 1, LeaderboardScore.Parse("5e50"), T0.AddSeconds(10))]);
        await Store.SubmitAsync(board, [new ScoreSubmission(early, 1, LeaderboardScore.Parse("5.0e50"), T0.AddSeconds(3))]);

        var top = await Store.GetTopAsync(board, 0, 2);

        Assert.Equal([early, late], top.Select(x => x.PlayerId));
    }

    [Fact]
    public async Task An_unchanged_score_keeps_the_time_it_was_first_reached()
    {
        var board = NewBoard();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await Store.SubmitAsync(board, [new ScoreSubmission(first, 1, LeaderboardScore.Parse("100"), T0)]);
        await Store.SubmitAsync(board, [new ScoreSubmission(second, 1, LeaderboardScore.Parse("100"), T0.AddSeconds(1))]);
        // A later revision with the same score must not lose the first player's earlier time.
        await Store.SubmitAsync(board, [new ScoreSubmission(first, 2, LeaderboardScore.Parse("100"), T0.AddSeconds(5))]);

        var top = await Store.GetTopAsync(board, 0, 2);

        Assert.Equal([first, second], top.Select(x => x.PlayerId));
        Assert.Equal(T0, top[0].ReachedAt);
    }

    [Fact]
    public async Task Stale_and_repeated_revisions_change_nothing()
    {
        var board = NewBoard();
        var player = Guid.NewGuid();
        await Store.SubmitAsync(board, [new ScoreSubmission(player, 5, LeaderboardScore.Parse("500"), T0)]);

        var results = await Store.SubmitAsync(board, [
            new ScoreSubmission(player, 4, LeaderboardScore.Parse("9000"), T0.AddSeconds(1)),
            new ScoreSubmission(player, 5, LeaderboardScore.Parse("7000"), T0.AddSeconds(2))]);

        Assert.All(results, r => Assert.False(r.Applied));
        Assert.Equal("500", (await Store.GetEntryAsync(board, player))!.Score);
    }

    [Fact]
    public async Task A_newer_revision_moves_the_player_and_reports_both_ranks()
    {
        var board = NewBoard();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Submit(board, (a, "300"), (b, "200"), (c, "100"));

        var results = await Store.SubmitAsync(board, [new ScoreSubmission(c, 2, LeaderboardScore.Parse("250"), T0.AddMinutes(1))]);

        Assert.Equal(new SubmissionResult(c, true, 3, 2), results.Single());
        Assert.Equal(3, await Store.CountAsync(board));
        Assert.Equal([a, c, b], (await Store.GetTopAsync(board, 0, 10)).Select(x => x.PlayerId));
    }

    [Fact]
    public async Task A_new_player_reports_no_old_rank()
    {
        var board = NewBoard();
        var result = (await Store.SubmitAsync(board, [new ScoreSubmission(Guid.NewGuid(), 1, LeaderboardScore.Parse("1"), T0)])).Single();

        Assert.True(result.Applied);
        Assert.Null(result.OldRank);
        Assert.Equal(1, result.NewRank);
    }

    [Fact]
    public async Task Pages_follow_each_other_and_end_empty()
    {
        var board = NewBoard();
        var players = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        await Submit(board, players.Select((p, i) => (p, (100 - i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());

        var first = await Store.GetTopAsync(board, 0, 3);
        var second = await Store.GetTopAsync(board, 3, 3);
        var third = await Store.GetTopAsync(board, 6, 3);
        var past = await Store.GetTopAsync(board, 7, 3);

        Assert.Equal(players, first.Concat(second).Concat(third).Select(e => e.PlayerId));
        Assert.Equal([4L, 5, 6], second.Select(e => e.Rank));
        Assert.Single(third);
        Assert.Empty(past);
    }

    [Fact]
    public async Task Around_me_is_clipped_at_the_top_and_the_bottom()
    {
        var board = NewBoard();
        var players = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        await Submit(board, players.Select((p, i) => (p, (1000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());

        var middle = await Store.GetAroundAsync(board, players[5], 2, 2);
        var top = await Store.GetAroundAsync(board, players[0], 2, 2);
        var bottom = await Store.GetAroundAsync(board, players[9], 2, 2);
        var stranger = await Store.GetAroundAsync(board, Guid.NewGuid(), 2, 2);

        Assert.Equal(players[3..8], middle.Select(e => e.PlayerId));
        Assert.Equal([4L, 5, 6, 7, 8], middle.Select(e => e.Rank));
        Assert.Equal(players[0..3], top.Select(e => e.PlayerId));
        Assert.Equal(players[7..10], bottom.Select(e => e.PlayerId));
        Assert.Empty(stranger);
    }

    [Fact]
    public async Task A_friends_board_holds_the_known_friends_with_global_ranks()
    {
        var board = NewBoard();
        var players = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        await Submit(board, players.Select((p, i) => (p, (60 - i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());

        var friends = await Store.GetEntriesAsync(board, [players[4], players[1], Guid.NewGuid(), players[4]]);

        Assert.Equal([players[1], players[4]], friends.Select(e => e.PlayerId));
        Assert.Equal([2L, 5], friends.Select(e => e.Rank));
    }

    [Fact]
    public async Task A_removed_player_leaves_the_board_and_the_others_move_up()
    {
        var board = NewBoard();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Submit(board, (a, "2"), (b, "1"));

        Assert.True(await Store.RemoveAsync(board, a));
        Assert.False(await Store.RemoveAsync(board, a));

        Assert.Null(await Store.GetEntryAsync(board, a));
        Assert.Equal(1, (await Store.GetEntryAsync(board, b))!.Rank);
    }

    [Fact]
    public async Task Boards_are_independent_and_a_deleted_board_is_empty()
    {
        var (one, two) = (NewBoard(), NewBoard());
        var player = Guid.NewGuid();
        await Submit(one, (player, "10"));

        Assert.Equal(0, await Store.CountAsync(two));
        Assert.True(await Store.DeleteAsync(one));
        Assert.Equal(0, await Store.CountAsync(one));
        Assert.Null(await Store.GetEntryAsync(one, player));
    }

    [Fact]
    public async Task A_board_name_outside_the_allowed_characters_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CountAsync("bad name*"));
    }

    /// <summary>A store; for servers, one whose keys no other test uses.</summary>
    protected abstract ILeaderboardStore CreateStore();

    private string NewBoard()
    {
        var board = "test:" + Guid.NewGuid().ToString("N");
        _boards.Add(board);
        return board;
    }

    private async Task Submit(string board, params (Guid Player, string Score)[] scores)
    {
        var at = T0;
        foreach (var (player, score) in scores)
        {
            at = at.AddMilliseconds(1);
            await Store.SubmitAsync(board, [new ScoreSubmission(player, 1, LeaderboardScore.Parse(score), at)]);
        }
    }
}
