using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Cache;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// The first <see cref="Rows"/> rows of each board, kept for <see cref="TopPageCacheOptions.TopPageCacheSeconds"/>:
/// every client reads them and they change at most every second or so, so a burst of readers costs one query per
/// board (one per process at worst, as replicas share the Redis cache). Any page inside those rows is cut from the one
/// cached answer. Around-me, friends and rank answers are per player and never pass here.
/// </summary>
public sealed class TopPageCache(ICacheStore cache, TopPageCacheOptions options)
{
    /// <summary>How many rows are cached per board: the largest page a client may ask for.</summary>
    public const int Rows = 100;

    private const string Namespace = "leaderboard-top";

    /// <summary>Whether the page at <paramref name="offset"/> of <paramref name="limit"/> rows is answered from the cache.</summary>
    public bool Covers(long offset, int limit) => options.TopPageCacheSeconds > 0 && offset >= 0 && limit > 0 && offset + limit <= Rows;

    /// <summary>
    /// The page at <paramref name="offset"/> of <paramref name="limit"/> rows of <paramref name="board"/>, cut from its
    /// cached top rows, which <paramref name="readTop"/> reads (offset 0, <see cref="Rows"/> rows) when they are not cached.
    /// </summary>
    public async Task<LeaderboardPage> GetAsync(string board, long offset, int limit, Func<CancellationToken, Task<LeaderboardPage>> readTop, CancellationToken cancellationToken)
    {
        var top = await cache.GetOrCreateAsync(new CacheKey(Namespace, board), readTop, TimeSpan.FromSeconds(options.TopPageCacheSeconds), cancellationToken);
        return top with { Offset = offset, Entries = top.Entries.Skip((int)offset).Take(limit).ToList() };
    }
}
