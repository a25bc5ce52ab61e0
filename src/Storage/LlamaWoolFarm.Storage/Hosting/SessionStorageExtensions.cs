using LlamaWoolFarm.Storage.Idempotency;
using LlamaWoolFarm.Storage.Presence;
using LlamaWoolFarm.Storage.RateLimits;
using LlamaWoolFarm.Storage.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>
/// The short-lived session data of gateways and realtime replicas: refresh tokens, attempt counters, presence and
/// idempotency keys. In Redis when <c>Storage:Mode=Server</c> and <c>ConnectionStrings:redis</c> is set (so replicas
/// share them); otherwise in process, except refresh tokens, which go to <c>sessions.db</c> in the data folder so a
/// Standalone restart does not sign everybody out.
/// </summary>
public static class SessionStorageExtensions
{
    /// <summary>True when session data lives in Redis for this configuration.</summary>
    public static bool UsesRedisSessions(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis"))
        && StorageSettings.ReadStorage(configuration).Mode == StorageMode.Server;

    /// <summary>
    /// Registers <see cref="IRefreshTokenStore"/>, <see cref="IAttemptCounter"/>, <see cref="IPresenceStore"/> and
    /// <see cref="IIdempotencyStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSessionStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddStorageSettings();
        if (UsesRedisSessions(builder.Configuration))
        {
            builder.Services.TryAddSingleton<IRefreshTokenStore>(sp => new RedisRefreshTokenStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>()));
            builder.Services.TryAddSingleton<IAttemptCounter>(sp => new RedisAttemptCounter(sp.GetRequiredService<IConnectionMultiplexer>()));
            builder.Services.TryAddSingleton<IPresenceStore>(sp => new RedisPresenceStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>()));
            builder.Services.TryAddSingleton<IIdempotencyStore>(sp => new RedisIdempotencyStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        }
        else
        {
            var dataPath = StorageSettings.ReadStorage(builder.Configuration).DataPath;
            builder.Services.TryAddSingleton<IRefreshTokenStore>(sp => new SqliteRefreshTokenStore(Path.Combine(dataPath, "sessions.db"), sp.GetRequiredService<TimeProvider>()));
            builder.Services.TryAddSingleton<IAttemptCounter>(sp => new InProcessAttemptCounter(sp.GetRequiredService<TimeProvider>()));
            builder.Services.TryAddSingleton<IPresenceStore>(sp => new InProcessPresenceStore(sp.GetRequiredService<TimeProvider>()));
            builder.Services.TryAddSingleton<IIdempotencyStore>(sp => new InProcessIdempotencyStore(sp.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }
}
