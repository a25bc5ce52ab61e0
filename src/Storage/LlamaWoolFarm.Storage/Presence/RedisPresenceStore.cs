using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Presence;

/// <summary>
/// Presence in Redis, shared by every realtime replica: a sorted set of connection leases per player
/// (<c>{prefix}:{player}</c>, score = lease end in ms) and an index of the players reported online, scored by their
/// latest lease end (<c>{prefix}</c>), which the sweep reads. Each change is one Lua script, so replicas agree on
/// who reports a player coming or going. The scripts name the per-player keys they touch only at run time: a
/// single Redis server (or a primary with replicas), not a cluster.
/// </summary>
public sealed class RedisPresenceStore(IConnectionMultiplexer redis, TimeProvider clock, string keyPrefix = RedisPresenceStore.DefaultKeyPrefix) : IPresenceStore
{
    /// <summary>The index key; per-player keys append <c>:{player}</c>.</summary>
    public const string DefaultKeyPrefix = "lwf:presence";

    // Players examined per script run, so one sweep never blocks Redis for long.
    private const int SweepBatch = 500;

    private static readonly LuaScript TouchScript = LuaScript.Prepare(
        """
        redis.call('ZREMRANGEBYSCORE', @leases, '-inf', @now)
        redis.call('ZADD', @leases, @ends, @connection)
        if redis.call('PTTL', @leases) < tonumber(@leaseMs) then redis.call('PEXPIRE', @leases, @leaseMs) end
        local current = redis.call('ZSCORE', @index, @player)
        if not current then
          redis.call('ZADD', @index, @ends, @player)
          return 1
        end
        if tonumber(current) < tonumber(@ends) then redis.call('ZADD', @index, @ends, @player) end
        return 0
        """);

    private static readonly LuaScript DisconnectScript = LuaScript.Prepare(
        """
        redis.call('ZREM', @leases, @connection)
        redis.call('ZREMRANGEBYSCORE', @leases, '-inf', @now)
        if redis.call('ZCARD', @leases) == 0 then return redis.call('ZREM', @index, @player) end
        return 0
        """);

    // Answers { examined, player, leaseEnd, player, leaseEnd, ... } for the players it reported offline.
    private static readonly LuaScript SweepScript = LuaScript.Prepare(
        """
        local due = redis.call('ZRANGEBYSCORE', @index, '-inf', @now, 'WITHSCORES', 'LIMIT', 0, @batch)
        local answer = { #due / 2 }
        for i = 1, #due, 2 do
          local player = due[i]
          local leases = @prefix .. player
          redis.call('ZREMRANGEBYSCORE', leases, '-inf', @now)
          local last = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')
          if #last == 0 then
            redis.call('ZREM', @index, player)
            table.insert(answer, player)
            table.insert(answer, due[i + 1])
          else
            redis.call('ZADD', @index, last[2], player)
          end
        end
        return answer
        """);

    public async Task<bool> TouchAsync(Guid playerId, string connectionId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var result = await redis.GetDatabase().ScriptEvaluateAsync(TouchScript, new
        {
            leases = Key(playerId),
            index = new RedisKey(keyPrefix),
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
            index = new RedisKey(keyPrefix),
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

    public async Task<IReadOnlyList<PresenceExpiry>> SweepAsync(CancellationToken cancellationToken = default)
    {
        var gone = new List<PresenceExpiry>();
        var now = Now();
        // Batches until one examines fewer players than it may: a crashed replica can leave thousands due at once.
        for (var examined = SweepBatch; examined == SweepBatch && !cancellationToken.IsCancellationRequested;)
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(SweepScript, new
            {
                index = new RedisKey(keyPrefix),
                prefix = keyPrefix + ":",
                now,
                batch = SweepBatch,
            }))!;
            examined = (int)result[0];
            for (var i = 1; i + 1 < result.Length; i += 2)
            {
                var leaseEnded = DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse((string)result[i + 1]!, System.Globalization.CultureInfo.InvariantCulture));
                gone.Add(new PresenceExpiry(Guid.ParseExact((string)result[i]!, "N"), leaseEnded));
            }
        }

        return gone;
    }

    private RedisKey Key(Guid playerId) => keyPrefix + ":" + playerId.ToString("N");

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
