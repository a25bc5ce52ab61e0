using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Cache;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// The first <see cref="Rows"/> rows of each board, kept for <see cref="TopPageCacheOptions.TopPageCacheSeconds"/>:
/// every client reads them and they change at most every second or so, so a burst of readers costs one query per
/// board (one per process at worst, as replicas share the Redis cache). Any page inside those rows is cut from the one
/// cached answer. Around-me, friends and rank answers are per player and never pass here.
/// </summary>
public sealed class TopPageCache(ICacheStore cache, TopPageCacheOptions options, TimeProvider clock)
{
    /// <summary>How many rows are cached per board: the largest page a client may ask for.</summary>
    public const int Rows = 100;

    // The cached value carries when its rows were read (what it holds changed from a bare page, hence a new namespace).
    private const string Namespace = "leaderboard-top-rows";

    /// <summary>Whether the page at <paramref name="offset"/> of <paramref name="limit"/> rows is answered from the cache.</summary>
    public bool Covers(long offset, int limit) => options.TopPageCacheSeconds > 0 && offset >= 0 && limit > 0 && offset + limit <= Rows;

    /// <summary>
    /// The page at <paramref name="offset"/> of <paramref name="limit"/> rows of <paramref name="board"/>, cut from its
    /// cached top rows, which <paramref name="readTop"/> reads (offset 0, <see cref="Rows"/> rows) when they are not
    /// cached; and how much longer those rows may be served (never more than the setting, never less than zero).
    /// </summary>
    public async Task<(LeaderboardPage Page, TimeSpan ReusableFor)> GetAsync(string board, long offset, int limit, Func<CancellationToken, Task<LeaderboardPage>> readTop, CancellationToken cancellationToken)
    {
        var timeToLive = TimeSpan.FromSeconds(options.TopPageCacheSeconds);
        var top = await cache.GetOrCreateAsync(
            new CacheKey(Namespace, board),
            async ct => new CachedTop(await readTop(ct), clock.GetUtcNow()),
            timeToLive,
            cancellationToken);
        var left = top.ReadAt + timeToLive - clock.GetUtcNow();
        var reusable = left < TimeSpan.Zero ? TimeSpan.Zero : left > timeToLive ? timeToLive : left;
        var page = offset == 0 && limit >= top.Page.Entries.Count
            ? top.Page
            : top.Page with { Offset = offset, Entries = top.Page.Entries.Skip((int)offset).Take(limit).ToList() };
        return (page, reusable);
    }

    /// <summary>A board's top rows and when they were read.</summary>
    public sealed record CachedTop(LeaderboardPage Page, DateTimeOffset ReadAt);
}
