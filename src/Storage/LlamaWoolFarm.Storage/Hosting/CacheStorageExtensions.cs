using LlamaWoolFarm.Storage.Cache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>
/// Chooses the cache adapter: Redis (shared by the replicas) when <c>Storage:Mode=Server</c> and
/// <c>ConnectionStrings:redis</c> is set, in process otherwise, as the session data is chosen.
/// </summary>
public static class CacheStorageExtensions
{
    /// <summary>
    /// Registers <see cref="ICacheStore"/> with the <c>Cache</c> settings (<c>KeyPrefix</c>, <c>MaxValueBytes</c>,
    /// <c>LocalCopySeconds</c>), validated when the host starts: a wrong one stops the process naming it.
    /// </summary>
    public static IHostApplicationBuilder AddCacheStore(this IHostApplicationBuilder builder)
    {
        StorageSettings.AddValidated<CacheOptions>(builder.Services, CacheOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (SessionStorageExtensions.UsesRedisSessions(builder.Configuration))
        {
            builder.Services.TryAddSingleton<ICacheStore>(sp => new RedisCacheStore(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CacheOptions>(), sp.GetService<ILoggerFactory>()));
        }
        else
        {
            builder.Services.TryAddSingleton<ICacheStore>(sp => new InProcessCacheStore(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CacheOptions>(), sp.GetService<ILoggerFactory>()));
        }

        return builder;
    }
}
