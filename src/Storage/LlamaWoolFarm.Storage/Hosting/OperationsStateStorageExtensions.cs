using LlamaWoolFarm.Storage.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>
/// Where the operational switches live: in Redis with the session data in server mode (every gateway instance sees
/// the same window and flags), otherwise in <c>operations.db</c> in the data folder.
/// </summary>
public static class OperationsStateStorageExtensions
{
    public static IHostApplicationBuilder AddOperationsStateStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStorageSettings();
        if (SessionStorageExtensions.UsesRedisSessions(builder.Configuration))
        {
            builder.Services.TryAddSingleton<IOperationsStateStore>(sp => new RedisOperationsStateStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        }
        else
        {
            var dataPath = StorageSettings.ReadStorage(builder.Configuration).DataPath;
            builder.Services.TryAddSingleton<IOperationsStateStore>(_ => new SqliteOperationsStateStore(Path.Combine(dataPath, "operations.db")));
        }

        return builder;
    }
}
