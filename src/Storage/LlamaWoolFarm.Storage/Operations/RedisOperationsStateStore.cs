using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Operations;

/// <summary>Operational switches in Redis: one hash per section (<c>{prefix}:{section}</c>), no expiry.</summary>
public sealed class RedisOperationsStateStore(IConnectionMultiplexer redis, string keyPrefix = RedisOperationsStateStore.DefaultKeyPrefix) : IOperationsStateStore
{
    public const string DefaultKeyPrefix = "lwf:ops";

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(string section, CancellationToken cancellationToken = default)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(Key(section));
        return entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
    }

    public Task SetAsync(string section, string name, string value, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().HashSetAsync(Key(section), name, value);

    public Task<bool> RemoveAsync(string section, string name, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().HashDeleteAsync(Key(section), name);

    private RedisKey Key(string section) => keyPrefix + ":" + section;
}
