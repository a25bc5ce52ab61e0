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
    // KEYS: counter, log, ids. ARGV: start, length, retention ms, then type, id, ticks, data for each push.
    // Answers the pushes' numbers in order.
    private const string AppendScript = """
        local length = tonumber(ARGV[2])
        if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
        local numbers = {}
        for i = 4, #ARGV, 4 do
          local known = redis.call('ZSCORE', KEYS[3], ARGV[i + 1])
          if known then
            numbers[#numbers + 1] = tonumber(known)
          else
            local seq = redis.call('INCR', KEYS[1])
            redis.call('XADD', KEYS[2], 'MAXLEN', length, string.format('%d-0', seq), 'type', ARGV[i], 'id', ARGV[i + 1], 'ts', ARGV[i + 2], 'data', ARGV[i + 3])
            redis.call('ZADD', KEYS[3], seq, ARGV[i + 1])
            numbers[#numbers + 1] = seq
          end
        end
        redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(length + 1))
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        redis.call('PEXPIRE', KEYS[3], ARGV[3])
        return numbers
        """;

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

    public async Task<IReadOnlyList<long>> AppendAsync(Guid playerId, IReadOnlyList<PushRecord> pushes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pushes.Count);
        var values = new RedisValue[3 + (4 * pushes.Count)];
        values[0] = clock.GetUtcNow().ToUnixTimeMilliseconds();
        values[1] = options.Length;
        values[2] = (long)options.Retention.TotalMilliseconds;
        for (var i = 0; i < pushes.Count; i++)
        {
            var push = pushes[i];
            values[3 + (4 * i)] = push.Type;
            values[4 + (4 * i)] = push.Id;
            values[5 + (4 * i)] = push.Timestamp.UtcTicks;
            values[6 + (4 * i)] = push.Data;
        }

        var result = await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, [Key(playerId, ":seq"), Key(playerId, string.Empty), Key(playerId, ":ids")], values);
        return ((RedisResult[])result!).Select(n => (long)n).ToArray();
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
