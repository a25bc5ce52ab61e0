using System.Collections.Concurrent;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Workers.Host;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests.Distributed;

/// <summary>Where one test's workers keep their state: hosts started with the same setup share broker, Redis keys and documents.</summary>
public sealed record EventHostSetup(string RabbitMq, string DataPath, string Id)
{
    public string RedisPrefix => $"lwf-test-{Id}:";
}

/// <summary>The competition-event messages every host of a test saw, in arrival order (shared by the hosts of a test).</summary>
public sealed class EventLog
{
    private readonly ConcurrentQueue<object> _seen = new();

    public IReadOnlyList<T> Of<T>() => [.. _seen.OfType<T>()];

    public void Add(object message) => _seen.Enqueue(message);

    /// <summary>Polls until <paramref name="condition"/> holds; false at the deadline.</summary>
    public async Task<bool> WaitForAsync(Func<EventLog, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(this))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition(this);
    }
}

/// <summary>Records what the saga and the game worker publish about events (its own queue: it competes with no one).</summary>
public sealed class EventProbeConsumer(EventLog log) :
    IConsumer<CompetitionEventStarted>,
    IConsumer<CompetitionEventFinished>,
    IConsumer<EventRewardGranted>
{
    public Task Consume(ConsumeContext<CompetitionEventStarted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<CompetitionEventFinished> context) => Record(context.Message);

    public Task Consume(ConsumeContext<EventRewardGranted> context) => Record(context.Message);

    private Task Record(object message)
    {
        log.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A worker process in miniature: the named modules composed by <see cref="WorkerModules"/> as Workers.Host does, on
/// RabbitMQ with server-mode storage (Redis boards and Hangfire, the SQLite document file shared by the test's hosts).
/// </summary>
public sealed class EventHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EventHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<EventHost> StartAsync(EventHostSetup setup, string modules, EventLog log)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:rabbitmq"] = setup.RabbitMq,
            ["ConnectionStrings:redis"] = Testing.TestServers.Redis,
            ["Storage:Mode"] = "Server",
            ["Storage:Documents"] = "Sqlite",
            ["Storage:DataPath"] = setup.DataPath,
            ["Leaderboards:KeyPrefix"] = setup.RedisPrefix + "lb:",
            ["Scheduler:RedisPrefix"] = "{" + setup.RedisPrefix + "hangfire}:",
            ["Scheduler:PollingInterval"] = "00:00:00.2",
            ["Workers:Enabled"] = modules,
        });
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Testing.TestServers.Redis));
        builder.Services.AddSingleton(log);
        builder.AddDocumentStore();
        WorkerModules.AddTo(builder, WorkerModules.Enabled(builder.Configuration), x => x.AddConsumer<EventProbeConsumer>().Endpoint(e => e.Name = "event-probe-" + setup.Id));
        var host = builder.Build();
        await host.StartAsync();
        return new EventHost(host);
    }

    /// <summary>Deletes the Redis keys of a test's setup (boards, Hangfire jobs).</summary>
    public static async Task DeleteRedisKeysAsync(EventHostSetup setup)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(Testing.TestServers.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        foreach (var pattern in new[] { setup.RedisPrefix + "*", "{" + setup.RedisPrefix + "*" })
        {
            await foreach (var key in server.KeysAsync(pattern: pattern))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
