using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.Leaderboards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>Chooses the leaderboard adapter from <c>Storage:Mode</c>: Redis sorted sets in server mode, in-process embedded.</summary>
public static class LeaderboardStorageExtensions
{
    /// <summary>
    /// Registers <see cref="ILeaderboardStore"/>. Server mode needs <c>ConnectionStrings:redis</c> (the process stops at
    /// start naming it otherwise); <c>Leaderboards:KeyPrefix</c> (default <c>lwf:lb:</c>) separates deployments sharing a Redis.
    /// </summary>
    public static IHostApplicationBuilder AddLeaderboardStore(this IHostApplicationBuilder builder)
    {
        var storage = SettingsValidator.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.Server)
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")))
            {
                throw new OptionsValidationException("ConnectionStrings:redis", typeof(StorageOptions), [
                    "ConnectionStrings:redis is required when Storage:Mode is Server (the leaderboards live in Redis sorted sets)."]);
            }

            var prefix = builder.Configuration["Leaderboards:KeyPrefix"] ?? "lwf:lb:";
            builder.Services.TryAddSingleton<ILeaderboardStore>(sp => new RedisLeaderboardStore(sp.GetRequiredService<IConnectionMultiplexer>(), prefix));
        }
        else
        {
            builder.Services.TryAddSingleton<ILeaderboardStore, InProcessLeaderboardStore>();
        }

        return builder;
    }
}
