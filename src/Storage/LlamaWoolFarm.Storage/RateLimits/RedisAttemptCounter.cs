using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.RateLimits;

/// <summary>Attempt counters in Redis (<c>lwf:attempts:{key}</c>), shared by every gateway replica.</summary>
public sealed class RedisAttemptCounter(IConnectionMultiplexer redis) : IAttemptCounter
{
    private const string Prefix = "lwf:attempts:";

    // INCR and the first PEXPIRE in one step, so a crash between them cannot leave a counter that never expires.
    private static readonly LuaScript IncrementScript = LuaScript.Prepare(
        """
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        return {count, redis.call('PTTL', @key)}
        """);

    public async Task<AttemptCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            IncrementScript, new { key = new RedisKey(Prefix + key), windowMs = (long)window.TotalMilliseconds }))!;
        return new AttemptCount((long)result[0], TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1])));
    }

    public async Task<AttemptCount> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var value = await db.StringGetWithExpiryAsync(Prefix + key);
        return value.Value.IsNull ? new AttemptCount(0, TimeSpan.Zero) : new AttemptCount((long)value.Value, value.Expiry ?? TimeSpan.Zero);
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().KeyDeleteAsync(Prefix + key);
}
