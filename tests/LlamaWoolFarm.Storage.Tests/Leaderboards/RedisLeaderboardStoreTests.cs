using LlamaWoolFarm.Storage.Leaderboards;
using LlamaWoolFarm.Testing;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Tests.Leaderboards;

/// <summary>The leaderboard contract on the real Redis; every test has a key prefix of its own.</summary>
public sealed class RedisLeaderboardStoreTests : LeaderboardStoreContract
{
    private static readonly Lazy<IConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TestServers.Redis));

    private readonly string _prefix = "lwf-test:" + Guid.NewGuid().ToString("N") + ":";

    protected override ILeaderboardStore CreateStore() => new RedisLeaderboardStore(Redis.Value, _prefix);

    [Fact]
    public async Task The_keys_live_under_the_prefix_and_the_sorted_set_scores_are_the_sortable_doubles()
    {
        var board = "test:" + Guid.NewGuid().ToString("N");
        await Store.SubmitAsync(board, [new ScoreSubmission(Guid.NewGuid(), 1, LeaderboardScore.Parse("2.5e1000"), DateTimeOffset.UnixEpoch)]);
        try
        {
            var entries = await Redis.Value.GetDatabase().SortedSetRangeByRankWithScoresAsync(_prefix + "{" + board + "}");

            Assert.Equal(1000 + (1.5 / 9), Assert.Single(entries).Score, 9);
        }
        finally
        {
            await Store.DeleteAsync(board);
        }
    }
}
