using LlamaWoolFarm.Storage.PushHistory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>
/// Chooses where realtime keeps the players' recent pushes: Redis (shared by the replicas) when
/// <c>Storage:Mode=Server</c> and <c>ConnectionStrings:redis</c> is set, as the session data is chosen; otherwise
/// <c>push-history.db</c> in the data folder, so a Standalone restart keeps what a reconnecting client missed.
/// </summary>
public static class PushHistoryStorageExtensions
{
    /// <summary>
    /// Registers <see cref="IPushHistoryStore"/> and its <c>Realtime:History</c> settings (<c>Length</c>,
    /// <c>Retention</c>, <c>KeyPrefix</c>), validated when the host starts: a wrong one stops the process naming it.
    /// </summary>
    public static IHostApplicationBuilder AddPushHistory(this IHostApplicationBuilder builder)
    {
        StorageSettings.AddValidated<PushHistoryOptions>(builder.Services, PushHistoryOptions.SectionName);
        builder.Services.AddStorageSettings();
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (SessionStorageExtensions.UsesRedisSessions(builder.Configuration))
        {
            builder.Services.TryAddSingleton<IPushHistoryStore>(sp => new RedisPushHistoryStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<PushHistoryOptions>(), sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            var dataPath = StorageSettings.ReadStorage(builder.Configuration).DataPath;
            builder.Services.TryAddSingleton<IPushHistoryStore>(sp => new SqlitePushHistoryStore(Path.Combine(dataPath, "push-history.db"), sp.GetRequiredService<PushHistoryOptions>(), sp.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }
}
