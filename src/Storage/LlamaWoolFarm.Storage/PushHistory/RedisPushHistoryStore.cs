using System.Globalization;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>
/// Push history in Redis, shared by every realtime replica. Per player: the counter (<c>{prefix}:{player}:seq</c>),
/// a stream of the kept pushes whose entry ids are their numbers (<c>{prefix}:{player}</c>, trimmed with MAXLEN) and
/// the pushes' ids by number (<c>{prefix}:{player}:ids</c>, for redelivered events). An append is one Lua script, so
/// one round trip numbers and keeps a push atomically whichever replica relays it. All three keys expire after
/// <see cref="PushHistoryOptions.Retention"/> without a push (Redis's own clock). Keys are named at run time: a single
/// Redis server (or a primary with replicas), not a cluster.
/// </summary>
public sealed class RedisPushHistoryStore(IConnectionMultiplexer redis, PushHistoryOptions options, TimeProvider clock) : IPushHistoryStore
{
    private static readonly LuaScript AppendScript = LuaScript.Prepare(
        """
        local known = redis.call('ZSCORE', @ids, @id)
        if known then return tonumber(known) end
        if redis.call('EXISTS', @counter) == 0 then redis.call('SET', @counter, @start) end
        local seq = redis.call('INCR', @counter)
        redis.call('XADD', @log, 'MAXLEN', @length, string.format('%d-0', seq), 'type', @type, 'id', @id, 'ts', @ticks, 'data', @data)
        redis.call('ZADD', @ids, seq, @id)
        redis.call('ZREMRANGEBYRANK', @ids, 0, -(tonumber(@length) + 1))
        redis.call('PEXPIRE', @counter, @retentionMs)
        redis.call('PEXPIRE', @log, @retentionMs)
        redis.call('PEXPIRE', @ids, @retentionMs)
        return seq
        """);

    // Answers { latest } when nothing is after @last, else { latest, entries after @last }.
    private static readonly LuaScript ReadScript = LuaScript.Prepare(
        """
        local latest = redis.call('GET', @counter)
        if not latest then
          redis.call('SET', @counter, @start, 'PX', @retentionMs)
          return { @start }
        end
        if tonumber(latest) <= tonumber(@last) then return { latest } end
        return { latest, redis.call('XRANGE', @log, string.format('%d-0', tonumber(@last) + 1), '+') }
        """);

    public async Task<long> AppendAsync(Guid playerId, PushRecord push, CancellationToken cancellationToken = default)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, new
        {
            counter = Key(playerId, ":seq"),
            log = Key(playerId, string.Empty),
            ids = Key(playerId, ":ids"),
            start = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            length = options.Length,
            type = push.Type,
            id = push.Id,
            ticks = push.Timestamp.UtcTicks,
            data = push.Data,
            retentionMs = (long)options.Retention.TotalMilliseconds,
        });
        return (long)result;
    }

    public async Task<PushReplay> ReadAfterAsync(Guid playerId, long lastSeq, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastSeq);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ReadScript, new
        {
            counter = Key(playerId, ":seq"),
            log = Key(playerId, string.Empty),
            start = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            last = lastSeq,
            retentionMs = (long)options.Retention.TotalMilliseconds,
        }))!;
        var latest = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
        var kept = result.Length > 1 ? ((RedisResult[])result[1]!).Select(Entry) : [];
        return PushReplay.For(lastSeq, latest, kept, clock.GetUtcNow() - options.Retention);
    }

    // A stream entry: [ "<seq>-0", [ field, value, ... ] ].
    private static SequencedPush Entry(RedisResult entry)
    {
        var parts = (RedisResult[])entry!;
        var id = (string)parts[0]!;
        var fields = (RedisResult[])parts[1]!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            values[(string)fields[i]!] = (string)fields[i + 1]!;
        }

        var seq = long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        var timestamp = new DateTimeOffset(long.Parse(values["ts"], CultureInfo.InvariantCulture), TimeSpan.Zero);
        return new SequencedPush(seq, new PushRecord(values["type"], values["id"], timestamp, values["data"]));
    }

    private RedisKey Key(Guid playerId, string suffix) => $"{options.KeyPrefix}:{playerId:N}{suffix}";
}
