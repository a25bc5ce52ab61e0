using LlamaWoolFarm.Storage.Leaderboards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>Chooses the leaderboard adapter from <c>Storage:Mode</c>: Redis sorted sets in server mode, in-process embedded.</summary>
public static class LeaderboardStorageExtensions
{
    /// <summary>
    /// Registers <see cref="ILeaderboardStore"/>. Server mode needs <c>ConnectionStrings:redis</c> (the process stops at
    /// start naming it otherwise); <c>Leaderboards:KeyPrefix</c> (default <c>lwf:lb:</c>) separates deployments sharing a Redis.
    /// </summary>
    public static IHostApplicationBuilder AddLeaderboardStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStorageSettings();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, LeaderboardStorageRule>();
        if (StorageSettings.ReadStorage(builder.Configuration).Mode == StorageMode.Server)
        {
            var prefix = builder.Configuration["Leaderboards:KeyPrefix"] ?? "lwf:lb:";
            builder.Services.TryAddSingleton<ILeaderboardStore>(sp => new RedisLeaderboardStore(sp.GetRequiredService<IConnectionMultiplexer>(), prefix));
        }
        else
        {
            builder.Services.TryAddSingleton<ILeaderboardStore, InProcessLeaderboardStore>();
        }

        return builder;
    }

    /// <summary>Server mode keeps the boards in Redis, so it needs the connection string.</summary>
    private sealed class LeaderboardStorageRule(IConfiguration configuration) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            options.Mode == StorageMode.Server && string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis"))
                ? ValidateOptionsResult.Fail("ConnectionStrings:redis is required when Storage:Mode is Server (the leaderboards live in Redis sorted sets).")
                : ValidateOptionsResult.Success;
    }
}
