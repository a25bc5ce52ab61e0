using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with the real accounts worker behind it on the test harness (SQLite, cheap Argon2 parameters) and a
/// manual clock that starts at the real time, so issued tokens pass the bearer handler's own lifetime check.
/// </summary>
public class AuthGatewayFactory : WebApplicationFactory<Program>
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:Auth"] = "10000",
        ["RateLimits:PerPlayer"] = "10000",
        ["RateLimits:PerAddress"] = "10000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:SigningKey", GatewayFactory.SigningKeyForTests);
        var data = TestServers.NewDataFolder();
        builder.UseSetting("Storage:DataPath", data);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IDocumentStore>(new SqliteDocumentStore(Path.Combine(data, "documents.db")));
            AccountsWorker.AddAccountServices(services, new PasswordHashingOptions { MemoryKib = 256, Iterations = 1, Parallelism = 1 });
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
            services.AddMassTransitTestHarness(x =>
            {
                GatewayModule.AddBusClients(x);
                AccountsWorker.AddConsumers(x);
            });
        });
    }
}

/// <summary>The same gateway with small limits, for the rate limit and lockout tests.</summary>
public sealed class StrictLimitsGatewayFactory : AuthGatewayFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:Auth"] = "1000",
        ["RateLimits:PerPlayer"] = "5",
        ["RateLimits:PerAddress"] = "1000",
        ["Auth:Lockout:MaxFailuresPerAccount"] = "3",
        ["Auth:Lockout:MaxFailuresPerAddress"] = "6",
        ["Auth:Lockout:Window"] = "00:15:00",
    };
}
