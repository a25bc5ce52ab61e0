using System.Collections.Concurrent;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>How the stand-in owners of the other parts behave: some never answer, some fail their first attempt.</summary>
public sealed class FakeOwners
{
    public HashSet<string> Silent { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FailFirstAttempt { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<PurgePlayerData> Received { get; } = new();
}

/// <summary>
/// Stands in for the game, saves, leaderboards, analytics and notifications workers (each has its own tests); the
/// friendships part is the real accounts consumer.
/// </summary>
public sealed class FakeOwnerPurgeConsumer(FakeOwners owners) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Friendships)
        {
            return;
        }

        owners.Received.Enqueue(m);
        if (owners.Silent.Contains(m.Part))
        {
            return;
        }

        if (owners.FailFirstAttempt.Contains(m.Part) && m.Attempt == 1)
        {
            throw new InvalidOperationException($"The {m.Part} store is unavailable.");
        }

        await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, 1, DateTimeOffset.UtcNow), context.CancellationToken);
    }
}

/// <summary>
/// The accounts module with its deletion saga on a fresh harness, the real clock (scheduled messages use real time)
/// and the in-memory delayed scheduler standing in for the scheduler worker.
/// </summary>
internal static class DeletionBus
{
    public static AccountDeletionOptions Fast(double timeoutSeconds = 4, double graceSeconds = 1) => new()
    {
        DeletionGracePeriod = TimeSpan.FromSeconds(graceSeconds),
        DeletionRetryInterval = TimeSpan.FromMilliseconds(400),
        DeletionTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    public static async Task<ServiceProvider> StartAsync(FakeOwners owners, AccountDeletionOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDocumentStore>(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        services.AddSingleton(options);
        services.AddSingleton(owners);
        AccountsWorker.AddAccountServices(services, AccountsBus.CheapHashing);
        services.AddDataProtection().SetApplicationName(DataProtectionExtensions.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(TestServers.NewDataFolder()));
        services.AddMassTransitTestHarness(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddDelayedMessageScheduler();
            AccountsWorker.AddConsumers(x);
            x.AddConsumer<FakeOwnerPurgeConsumer>();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                ServiceDefaults.Messaging.BusExtensions.UseDefaultReceivePolicy(cfg, context);
                cfg.ConfigureEndpoints(context);
            });
        });
        var provider = services.BuildServiceProvider(true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return provider;
    }

    /// <summary>Polls a condition to a deadline; true as soon as it holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
