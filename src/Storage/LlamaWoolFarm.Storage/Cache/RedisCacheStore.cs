using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using RedisDistributedCache = Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache;

namespace LlamaWoolFarm.Storage.Cache;

/// <summary>
/// The cache shared by every replica: HybridCache with Redis (<c>Microsoft.Extensions.Caching.StackExchangeRedis</c>,
/// on the process's own connection) as its second level, under <see cref="CacheOptions.KeyPrefix"/>. A value one
/// process stores is read by the others; each also keeps a local copy for at most
/// <see cref="CacheOptions.LocalCopySeconds"/>, so a removal or overwrite elsewhere reaches it within that bound.
/// Stampede protection is per process: two replicas missing one key at once may both compute it.
/// </summary>
public sealed class RedisCacheStore(IConnectionMultiplexer redis, TimeProvider clock, CacheOptions? options = null, ILoggerFactory? loggerFactory = null)
    : HybridCacheStore(
        options ??= new CacheOptions(),
        clock,
        loggerFactory,
        TimeSpan.FromSeconds(options.LocalCopySeconds),
        services => services.AddSingleton<IDistributedCache>(Shared(redis, options.KeyPrefix)))
{
    // Given as an instance, so the private provider never disposes it: RedisCache closes its connection on dispose,
    // and the connection is the host's.
    private static RedisDistributedCache Shared(IConnectionMultiplexer redis, string keyPrefix) =>
        new(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(redis),
            InstanceName = keyPrefix,
        }));
}
