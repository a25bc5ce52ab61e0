using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.PushHistory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>
/// Chooses where realtime keeps the players' recent pushes: Redis (shared by the replicas) when
/// <c>Storage:Mode=Server</c> and <c>ConnectionStrings:redis</c> is set, as the session data is chosen; otherwise
/// <c>push-history.db</c> in the data folder, so a Standalone restart keeps what a reconnecting client missed.
/// </summary>
public static class PushHistoryStorageExtensions
{
    /// <summary>
    /// Registers <see cref="IPushHistoryStore"/> and its <c>Realtime:History</c> settings (<c>Length</c>,
    /// <c>Retention</c>, <c>KeyPrefix</c>), validated at start: a wrong one stops the process naming it.
    /// </summary>
    public static IHostApplicationBuilder AddPushHistory(this IHostApplicationBuilder builder)
    {
        var options = SettingsValidator.Bind<PushHistoryOptions>(builder.Configuration, PushHistoryOptions.SectionName);
        SettingsValidator.ThrowIfInvalid<PushHistoryOptions>(options.Validate());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(options);
        if (SessionStorageExtensions.UsesRedisSessions(builder.Configuration))
        {
            builder.Services.TryAddSingleton<IPushHistoryStore>(sp => new RedisPushHistoryStore(sp.GetRequiredService<IConnectionMultiplexer>(), options, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            var dataPath = SettingsValidator.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName).DataPath;
            builder.Services.TryAddSingleton<IPushHistoryStore>(sp => new SqlitePushHistoryStore(Path.Combine(dataPath, "push-history.db"), options, sp.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }
}
