using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Presence;

/// <summary>
/// Presence in Redis: a sorted set of connection leases per player (<c>lwf:presence:{player}</c>, score = lease end
/// in ms) and an index of players by their latest lease end (<c>lwf:presence</c>) that the sweep reads. Each change
/// is one Lua script, so replicas agree on who saw a player come or go.
/// </summary>
public sealed class RedisPresenceStore(IConnectionMultiplexer redis, TimeProvider clock) : IPresenceStore
{
    private const string IndexKey = "lwf:presence";
    private const string PlayerPrefix = "lwf:presence:";

    private static readonly LuaScript TouchScript = LuaScript.Prepare(
        """
        redis.call('ZREMRANGEBYSCORE', @leases, '-inf', @now)
        local before = redis.call('ZCARD', @leases)
        redis.call('ZADD', @leases, @ends, @connection)
        redis.call('PEXPIRE', @leases, @leaseMs)
        local current = redis.call('ZSCORE', @index, @player)
        if (not current) or tonumber(current) < tonumber(@ends) then redis.call('ZADD', @index, @ends, @player) end
        if before == 0 then return 1 end
        return 0
        """);

    private static readonly LuaScript DisconnectScript = LuaScript.Prepare(
        """
        redis.call('ZREM', @leases, @connection)
        redis.call('ZREMRANGEBYSCORE', @leases, '-inf', @now)
        if redis.call('ZCARD', @leases) == 0 then return redis.call('ZREM', @index, @player) end
        return 0
        """);

    private static readonly LuaScript SweepScript = LuaScript.Prepare(
        """
        local due = redis.call('ZRANGEBYSCORE', @index, '-inf', @now, 'LIMIT', 0, 500)
        local gone = {}
        for _, player in ipairs(due) do
          local leases = @prefix .. player
          redis.call('ZREMRANGEBYSCORE', leases, '-inf', @now)
          local last = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')
          if #last == 0 then
            if redis.call('ZREM', @index, player) == 1 then table.insert(gone, player) end
          else
            redis.call('ZADD', @index, last[2], player)
          end
        end
        return gone
        """);

    public async Task<bool> TouchAsync(Guid playerId, string connectionId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var result = await redis.GetDatabase().ScriptEvaluateAsync(TouchScript, new
        {
            leases = Key(playerId),
            index = new RedisKey(IndexKey),
            player = playerId.ToString("N"),
            connection = connectionId,
            now,
            ends = now + (long)lease.TotalMilliseconds,
            leaseMs = (long)lease.TotalMilliseconds,
        });
        return (int)result == 1;
    }

    public async Task<bool> DisconnectAsync(Guid playerId, string connectionId, CancellationToken cancellationToken = default)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(DisconnectScript, new
        {
            leases = Key(playerId),
            index = new RedisKey(IndexKey),
            player = playerId.ToString("N"),
            connection = connectionId,
            now = Now(),
        });
        return (int)result == 1;
    }

    public async Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var now = Now();
        var ids = playerIds.Distinct().ToList();
        var counts = await Task.WhenAll(ids.Select(p => db.SortedSetLengthAsync(Key(p), now, double.PositiveInfinity, Exclude.Start)));
        return ids.Where((_, i) => counts[i] > 0).ToHashSet();
    }

    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(SweepScript, new
        {
            index = new RedisKey(IndexKey),
            prefix = PlayerPrefix,
            now = Now(),
        }))!;
        return result.Select(r => Guid.ParseExact((string)r!, "N")).ToList();
    }

    private static RedisKey Key(Guid playerId) => PlayerPrefix + playerId.ToString("N");

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
