using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Messaging.Sagas;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Sagas;

/// <summary>
/// The document saga repository under a real state machine, on the in-memory bus and on RabbitMQ: instances are
/// created, updated and removed in the document store, and concurrent updates that lose their version are retried.
/// </summary>
public sealed class DocumentSagaRepositoryTests
{
    private const int Bumps = 12;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_events_on_one_instance_conflict_are_retried_and_none_is_lost(bool rabbitMq)
    {
        var store = new CountingDocumentStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        using var host = await StartAsync(store, rabbitMq);
        var bus = host.Services.GetRequiredService<IBus>();
        var tallies = store.Collection<TallyState>(DocumentSagaRepositoryContextFactory<TallyState>.CollectionName);
        var id = Guid.NewGuid();

        await bus.Publish(new TallyOpened(id));
        Assert.True(await WaitAsync(async () => await tallies.GetAsync(DocumentSagaContext<TallyState>.Id(id)) is not null));
        await Task.WhenAll(Enumerable.Range(0, Bumps).Select(_ => bus.Publish(new TallyBumped(id))));

        Assert.True(await WaitAsync(async () => (await tallies.GetAsync(DocumentSagaContext<TallyState>.Id(id)))?.Document.Count == Bumps));
        var stored = (await tallies.GetAsync(DocumentSagaContext<TallyState>.Id(id)))!;
        Assert.Equal(nameof(TallyStateMachine.Open), stored.Document.CurrentState);
        Assert.Equal(1 + Bumps, stored.Version);
        Assert.True(store.Conflicts > 0, "The bumps never collided, so the test did not exercise a conflict.");

        await bus.Publish(new TallyClosed(id));
        Assert.True(await WaitAsync(async () => await tallies.GetAsync(DocumentSagaContext<TallyState>.Id(id)) is null));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_update_from_a_stale_version_throws_a_concurrency_exception()
    {
        var store = new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db"));
        var collection = store.Collection<TallyState>("saga_tally_state");
        var first = new DocumentSagaContext<TallyState>(collection);
        var second = new DocumentSagaContext<TallyState>(collection);
        var id = Guid.NewGuid();
        Assert.True(await first.InsertAsync(new TallyState { CorrelationId = id, CurrentState = "Open" }, default));

        var mine = (await first.LoadAsync(id, default))!;
        var theirs = (await second.LoadAsync(id, default))!;
        theirs.Count = 5;
        await second.UpdateAsync(theirs, default);
        mine.Count = 1;

        await Assert.ThrowsAsync<ConcurrencyException>(() => first.UpdateAsync(mine, default));
        await Assert.ThrowsAsync<ConcurrencyException>(() => first.DeleteAsync(mine, default));
        Assert.Equal(5, (await collection.GetAsync(DocumentSagaContext<TallyState>.Id(id)))!.Document.Count);
    }

    [Fact]
    public void The_collection_name_is_a_plain_identifier_from_the_type_name()
    {
        Assert.Equal("saga_tally_state", DocumentSagaRepositoryContextFactory<TallyState>.CollectionName);
    }

    private static async Task<IHost> StartAsync(IDocumentStore store, bool rabbitMq)
    {
        var queue = "tally-saga-" + Guid.NewGuid().ToString("N")[..10];
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = rabbitMq ? "RabbitMq" : "InMemory",
            ["ConnectionStrings:rabbitmq"] = TestServers.RabbitMq,
            ["Messaging:ScheduledRedelivery"] = "false",
            ["Messaging:ConcurrentMessageLimit"] = "8",
            ["Messaging:PrefetchCount"] = "16",
        });
        builder.Services.AddSingleton(store);
        builder.AddBus(x => x.AddSagaStateMachine<TallyStateMachine, TallyState>()
            .DocumentRepository()
            .Endpoint(e =>
            {
                e.Name = queue;
                e.Temporary = true;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(25);
        }

        return await condition();
    }
}
