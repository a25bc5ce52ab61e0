using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Tokens;

/// <summary>
/// Refresh tokens in Redis: a hash per token (<c>lwf:rt:{hash}</c>) expiring with the token, and a revoked-family
/// marker (<c>lwf:rtf:{family}</c>). Use-once is a Lua script, so two gateways racing on one token see one winner.
/// </summary>
public sealed class RedisRefreshTokenStore(IConnectionMultiplexer redis, TimeProvider clock) : IRefreshTokenStore
{
    private const string TokenPrefix = "lwf:rt:";
    private const string FamilyPrefix = "lwf:rtf:";

    // The families of one player (a set), so a password change can revoke them all without scanning every token.
    private const string PlayerPrefix = "lwf:rtp:";

    // A family marker outlives every token of the family (30-day refresh lifetime plus margin).
    private static readonly TimeSpan FamilyMarkerLifetime = TimeSpan.FromDays(31);

    private static readonly LuaScript UseScript = LuaScript.Prepare(
        """
        local family = redis.call('HGET', @token, 'family')
        if not family then return {'missing'} end
        local familyKey = @familyPrefix .. family
        if redis.call('EXISTS', familyKey) == 1 then return {'revoked'} end
        if redis.call('HSETNX', @token, 'used', '1') == 0 then
          redis.call('SET', familyKey, '1', 'PX', @markerMs)
          return {'reused'}
        end
        return {'ok', redis.call('HGET', @token, 'record')}
        """);

    // The owner is read from the stored record, so a player can end only its own sessions.
    private static readonly LuaScript RevokeScript = LuaScript.Prepare(
        """
        local fields = redis.call('HMGET', @token, 'family', 'record')
        local family = fields[1]
        if not family or not fields[2] then return 0 end
        if cjson.decode(fields[2])['playerId'] ~= @player then return 0 end
        redis.call('SET', @familyPrefix .. family, '1', 'PX', @markerMs)
        return 1
        """);

    private static readonly LuaScript RevokePlayerScript = LuaScript.Prepare(
        """
        local families = redis.call('SMEMBERS', @playerKey)
        local revoked = 0
        for _, family in ipairs(families) do
          -- SessionFamilies.StartedBefore: fixed-width hex compares as its number.
          if @before == '' or string.len(family) ~= 32 or string.sub(family, 13, 13) ~= '7' or string.sub(family, 1, 12) < @before then
            redis.call('SET', @familyPrefix .. family, '1', 'PX', @markerMs)
            redis.call('SREM', @playerKey, family)
            revoked = revoked + 1
          end
        end
        return revoked
        """);

    public async Task StoreAsync(string tokenHash, RefreshTokenRecord record, CancellationToken cancellationToken = default)
    {
        var ttl = record.ExpiresAt - clock.GetUtcNow();
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var db = redis.GetDatabase();
        var key = new RedisKey(TokenPrefix + tokenHash);
        var batch = db.CreateTransaction();
        _ = batch.HashSetAsync(key, [new("family", record.FamilyId), new("record", JsonSerializer.Serialize(record, DocumentJson.Options))]);
        _ = batch.KeyExpireAsync(key, ttl);
        var playerKey = new RedisKey(PlayerPrefix + record.PlayerId.ToString("N"));
        _ = batch.SetAddAsync(playerKey, record.FamilyId);
        _ = batch.KeyExpireAsync(playerKey, FamilyMarkerLifetime);
        await batch.ExecuteAsync();
    }

    public async Task<RefreshTokenUse> UseAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(UseScript, Parameters(tokenHash)))!;
        return (string?)result[0] switch
        {
            "ok" => Valid(JsonSerializer.Deserialize<RefreshTokenRecord>((string)result[1]!, DocumentJson.Options)!),
            "reused" => new RefreshTokenUse(RefreshTokenOutcome.Reused, null),
            "revoked" => new RefreshTokenUse(RefreshTokenOutcome.Revoked, null),
            _ => new RefreshTokenUse(RefreshTokenOutcome.NotFound, null),
        };
    }

    public async Task<bool> RevokeFamilyOfAsync(string tokenHash, Guid playerId, CancellationToken cancellationToken = default) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(RevokeScript, Parameters(tokenHash, playerId)) == 1;

    public async Task<int> RevokePlayerAsync(Guid playerId, DateTimeOffset? startedBefore = null, CancellationToken cancellationToken = default) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(RevokePlayerScript, new
        {
            playerKey = new RedisKey(PlayerPrefix + playerId.ToString("N")),
            before = startedBefore is { } moment ? SessionFamilies.StartPrefix(moment) : string.Empty,
            familyPrefix = FamilyPrefix,
            markerMs = (long)FamilyMarkerLifetime.TotalMilliseconds,
        });

    private static object Parameters(string tokenHash, Guid player = default) => new
    {
        token = new RedisKey(TokenPrefix + tokenHash),
        familyPrefix = FamilyPrefix,
        markerMs = (long)FamilyMarkerLifetime.TotalMilliseconds,
        // The record's JSON writes a Guid in this form (lower-case, with hyphens).
        player = player.ToString("D"),
    };

    private RefreshTokenUse Valid(RefreshTokenRecord record) =>
        record.ExpiresAt <= clock.GetUtcNow()
            ? new RefreshTokenUse(RefreshTokenOutcome.NotFound, null)
            : new RefreshTokenUse(RefreshTokenOutcome.Valid, record);
}
