using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>
/// ASP.NET Core Data Protection with one key ring for the whole deployment, so a secret sealed by one replica opens
/// on any other and after restarts: in Redis (<c>lwf:dataprotection:keys</c>) with Redis sessions, otherwise in
/// <c>DataProtection:KeysPath</c> (default <c>{Storage:DataPath}/keys</c>).
/// </summary>
public static class DataProtectionExtensions
{
    /// <summary>The application name every process shares; payloads are bound to it (and to each purpose).</summary>
    public const string ApplicationName = "llamawoolfarm";

    /// <summary>The Redis list holding the key ring's XML elements.</summary>
    public const string RedisKey = "lwf:dataprotection:keys";

    /// <summary>Registers Data Protection with the shared key ring (see the class summary for where it lives).</summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStorageSettings();
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var keysPath = builder.Configuration["DataProtection:KeysPath"];
        if (string.IsNullOrWhiteSpace(keysPath) && SessionStorageExtensions.UsesRedisSessions(builder.Configuration))
        {
            // The connection comes from the container, so the key ring shares the process's one Redis multiplexer.
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, services) =>
                o.XmlRepository = new RedisXmlRepository(() => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), RedisKey));
        }
        else
        {
            var storage = StorageSettings.ReadStorage(builder.Configuration);
            protection.PersistKeysToFileSystem(new DirectoryInfo(string.IsNullOrWhiteSpace(keysPath) ? Path.Combine(storage.DataPath, "keys") : keysPath));
        }

        return builder;
    }
}
