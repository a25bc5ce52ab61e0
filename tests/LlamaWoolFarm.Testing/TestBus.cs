using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Testing;

/// <summary>A fresh MassTransit test harness per test, over a fresh SQLite document store and a manual clock.</summary>
public static class TestBus
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Builds a provider with the harness (and the consumers <paramref name="configure"/> adds) started;
    /// <paramref name="bus"/> configures the in-memory bus before the default receive policy (e.g. a delayed scheduler).
    /// </summary>
    public static async Task<ServiceProvider> StartAsync(
        Action<IServiceCollection> services,
        Action<IBusRegistrationConfigurator> configure,
        Action<IInMemoryBusFactoryConfigurator>? bus = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(new ManualClock(Start));
        collection.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ManualClock>());
        collection.AddSingleton<IDocumentStore>(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        services(collection);
        collection.AddMassTransitTestHarness(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            configure(x);
            x.UsingInMemory((context, cfg) =>
            {
                bus?.Invoke(cfg);
                ServiceDefaults.Messaging.BusExtensions.UseDefaultReceivePolicy(cfg, context);
                cfg.ConfigureEndpoints(context);
            });
        });
        var provider = collection.BuildServiceProvider(true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return provider;
    }
}
