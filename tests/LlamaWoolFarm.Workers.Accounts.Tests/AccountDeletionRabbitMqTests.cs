using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Services;
using LlamaWoolFarm.Workers.Accounts.StateMachines;
using LlamaWoolFarm.Workers.Scheduler;
using MassTransit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>
/// The deletion saga end to end on the real RabbitMQ, with its grace period scheduled through the real scheduler
/// worker (Hangfire on Redis), built by the same AddServices/AddBus calls the worker host makes. Every queue of this
/// test has its own prefix and is deleted with the bus, so parallel runs on the same broker do not meet.
/// </summary>
public sealed class AccountDeletionRabbitMqTests
{
    [Fact]
    public async Task Over_RabbitMQ_a_deletion_waits_out_its_grace_period_then_every_part_is_purged()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var owners = new FakeOwners();
        var data = TestServers.NewDataFolder();
        var store = new SqliteDocumentStore(Path.Combine(data, "documents.db"));
        using var host = await StartAsync(id, data, store, owners);
        var bus = host.Services.GetRequiredService<IBus>();

        var player = await RegisterAsync(bus, $"rabbit-{id}@example.org");
        var friend = await RegisterAsync(bus, $"rabbit-friend-{id}@example.org");
        await bus.Request<AddFriend, FriendList>(new AddFriend(friend, player, null, null));
        var scheduled = (await bus.Request<RequestAccountDeletion, AccountDeletionScheduled>(new RequestAccountDeletion(player, "req"))).Message;

        var sagas = store.Collection<AccountDeletionState>("saga_account_deletion_state");
        Assert.True(
            await DeletionBus.WaitUntilAsync(async () => (await sagas.GetAsync(player.ToString("D")))?.Document.CurrentState == "Deleted", seconds: 40),
            $"saga state: {(await sagas.GetAsync(player.ToString("D")))?.Document.CurrentState}");
        var saga = (await sagas.GetAsync(player.ToString("D")))!.Document;
        // Hangfire keeps due times to the whole second, so the scheduled end may come up to a second early.
        Assert.True(saga.PurgeStartedAt >= scheduled.PurgeAt.AddSeconds(-1), $"purge began at {saga.PurgeStartedAt:O}, before {scheduled.PurgeAt:O}");
        Assert.Equal(PlayerDataParts.Purged.Order(), saga.PurgedParts.Order());
        Assert.Equal(
            PlayerDataParts.Purged.Where(p => p != PlayerDataParts.Friendships).Order(),
            owners.Received.Where(m => m.PlayerId == player).Select(m => m.Part).Distinct().Order());
        Assert.NotNull(await AccountDeletionService.Tombstones(store).GetAsync(player.ToString("N")));
        Assert.Empty((await bus.Request<GetFriends, FriendList>(new GetFriends(friend))).Message.Friends);
        Assert.Equal(AccountStatuses.Deleted, (await bus.Request<GetAccountStatus, AccountStatus>(new GetAccountStatus(player))).Message.Status);
        await host.StopAsync();
    }

    private static async Task<Guid> RegisterAsync(IBus bus, string email)
    {
        var response = await bus.Request<RegisterAccount, AccountAuthenticated>(new RegisterAccount(email, CredentialsTests.Password, null, null));
        return response.Message.PlayerId;
    }

    private static async Task<IHost> StartAsync(string id, string data, IDocumentStore store, FakeOwners owners)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:rabbitmq"] = TestServers.RabbitMq,
            ["ConnectionStrings:redis"] = TestServers.Redis,
            ["Messaging:SchedulerQueue"] = "scheduler-deletion-" + id,
            ["Storage:Mode"] = "Server",
            ["Storage:DataPath"] = data,
            ["Scheduler:RedisPrefix"] = "{lwf-test-" + id + "}:",
            ["Scheduler:PollingInterval"] = "00:00:00.2",
        });
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(TestServers.Redis));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(owners);
        builder.Services.AddSingleton(new AccountDeletionOptions
        {
            DeletionGracePeriod = TimeSpan.FromSeconds(2),
            DeletionRetryInterval = TimeSpan.FromSeconds(2),
            DeletionTimeout = TimeSpan.FromSeconds(30),
        });
        AccountsWorker.AddAccountServices(builder.Services, AccountsBus.CheapHashing);
        builder.Services.AddDataProtection().SetApplicationName(DataProtectionExtensions.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
        SchedulerWorker.AddServices(builder);
        builder.AddBus(x =>
        {
            // Queues nothing sends to by short name go with the bus; the scheduler's and the purge command's are
            // declared by their senders as durable too, so they must stay durable here.
            x.AddConfigureEndpointsCallback((name, cfg) =>
            {
                if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit && name.StartsWith("deletion-", StringComparison.Ordinal) && !name.EndsWith("begin-account-purge", StringComparison.Ordinal))
                {
                    rabbit.AutoDelete = true;
                }
            });
            SchedulerWorker.AddConsumers(x);
            AccountsWorker.AddConsumers(x);
            x.AddConsumer<FakeOwnerPurgeConsumer>();
        });
        // AddBus names queues in kebab case already; this bus prefixes them, so they are its own.
        builder.Services.Replace(ServiceDescriptor.Singleton<IEndpointNameFormatter>(new KebabCaseEndpointNameFormatter("deletion-" + id, false)));
        var host = builder.Build();
        using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(starting.Token);
        return host;
    }
}
