using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Idempotency;

/// <summary>
/// Idempotency keys in Redis, shared by every gateway replica: a hash per key (<c>{prefix}{key}</c>) with the
/// fingerprint, the claim token while a request runs, then the response; it expires with the claim, then with the
/// retention. Claim, complete and release are Lua scripts, so two replicas racing on one key see one winner.
/// </summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis, string keyPrefix = RedisIdempotencyStore.DefaultKeyPrefix) : IIdempotencyStore
{
    public const string DefaultKeyPrefix = "lwf:idem:";

    private static readonly LuaScript ClaimScript = LuaScript.Prepare(
        """
        if redis.call('HSETNX', @key, 'fp', @fp) == 1 then
          redis.call('HSET', @key, 'owner', @owner)
          redis.call('PEXPIRE', @key, @claimMs)
          return {'claimed'}
        end
        local v = redis.call('HMGET', @key, 'fp', 'status', 'type', 'body')
        if v[1] ~= @fp then return {'mismatch'} end
        if not v[2] then return {'pending'} end
        return {'done', v[2], v[3] or '', v[4] or ''}
        """);

    private static readonly LuaScript CompleteScript = LuaScript.Prepare(
        """
        if redis.call('HGET', @key, 'owner') ~= @owner then return 0 end
        redis.call('HDEL', @key, 'owner')
        redis.call('HSET', @key, 'status', @status, 'type', @type, 'body', @body)
        redis.call('PEXPIRE', @key, @retentionMs)
        return 1
        """);

    private static readonly LuaScript ReleaseScript = LuaScript.Prepare(
        """
        if redis.call('HGET', @key, 'owner') == @owner then redis.call('DEL', @key) end
        return 0
        """);

    public async Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan claimLifetime, CancellationToken cancellationToken = default)
    {
        var owner = Guid.NewGuid().ToString("N");
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ClaimScript, new
        {
            key = Key(key),
            fp = fingerprint,
            owner,
            claimMs = (long)claimLifetime.TotalMilliseconds,
        }))!;
        return (string?)result[0] switch
        {
            "claimed" => new IdempotencyClaim(IdempotencyOutcome.Claimed, owner),
            "mismatch" => new IdempotencyClaim(IdempotencyOutcome.Mismatch),
            "pending" => new IdempotencyClaim(IdempotencyOutcome.InProgress),
            _ => new IdempotencyClaim(IdempotencyOutcome.Completed, Response: new IdempotentResponse(
                (int)result[1],
                (string?)result[2] is { Length: > 0 } type ? type : null,
                (byte[])result[3]! ?? [])),
        };
    }

    public async Task<bool> CompleteAsync(string key, string claimToken, IdempotentResponse response, TimeSpan retention, CancellationToken cancellationToken = default) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(CompleteScript, new
        {
            key = Key(key),
            owner = claimToken,
            status = response.StatusCode,
            type = response.ContentType ?? string.Empty,
            body = response.Body,
            retentionMs = (long)retention.TotalMilliseconds,
        }) == 1;

    public Task ReleaseAsync(string key, string claimToken, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, new { key = Key(key), owner = claimToken });

    private RedisKey Key(string key) => keyPrefix + key;
}
