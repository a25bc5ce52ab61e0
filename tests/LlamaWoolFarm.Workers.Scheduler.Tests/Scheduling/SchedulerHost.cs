using System.Collections.Concurrent;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Scheduling;

/// <summary>A message the tests schedule.</summary>
public sealed record SchedulerProbe(string Name);

/// <summary>What reached the probe queue, with the time it arrived.</summary>
public sealed class ProbeLog
{
    private readonly ConcurrentQueue<(string Name, DateTimeOffset At, Guid? MessageId)> _received = new();

    public IReadOnlyList<(string Name, DateTimeOffset At, Guid? MessageId)> Received => [.. _received];

    public void Add(string name, Guid? messageId) => _received.Enqueue((name, DateTimeOffset.UtcNow, messageId));

    public int Count(string name) => _received.Count(r => r.Name == name);

    /// <summary>Waits until <paramref name="count"/> probes named <paramref name="name"/> arrived; false on timeout.</summary>
    public async Task<bool> WaitForAsync(string name, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Count(name) >= count)
            {
                return true;
            }

            await Task.Delay(25);
        }

        return Count(name) >= count;
    }
}

/// <summary>Records probes.</summary>
public sealed class SchedulerProbeConsumer(ProbeLog log) : IConsumer<SchedulerProbe>
{
    public Task Consume(ConsumeContext<SchedulerProbe> context)
    {
        log.Add(context.Message.Name, context.MessageId);
        return Task.CompletedTask;
    }
}

/// <summary>Where one test's scheduler keeps its state: the same setup started twice is the same scheduler restarted.</summary>
public sealed record SchedulerSetup(bool Server, string DataPath, string SchedulerQueue, string ProbeQueue, string RedisPrefix)
{
    public static SchedulerSetup Embedded() => New(server: false);

    public static SchedulerSetup OnServers() => New(server: true);

    private static SchedulerSetup New(bool server)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new(server, TestServers.NewDataFolder(), "scheduler-test-" + id, "scheduler-probe-" + id, "{lwf-test-" + id + "}:");
    }
}

/// <summary>
/// A worker process in miniature: the scheduler module (Hangfire on SQLite, or on Redis with RabbitMQ) plus a probe
/// consumer, built by the same AddServices/AddBus calls the worker host makes.
/// </summary>
public sealed class SchedulerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SchedulerHost(IHost host, SchedulerSetup setup)
    {
        _host = host;
        Setup = setup;
    }

    public SchedulerSetup Setup { get; }

    public ProbeLog Log => _host.Services.GetRequiredService<ProbeLog>();

    public IServiceProvider Services => _host.Services;

    public Uri ProbeAddress => new("queue:" + Setup.ProbeQueue);

    public static async Task<SchedulerHost> StartAsync(SchedulerSetup setup, bool withScheduler = true, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = setup.Server ? "RabbitMq" : "InMemory",
            ["ConnectionStrings:rabbitmq"] = TestServers.RabbitMq,
            ["ConnectionStrings:redis"] = setup.Server ? TestServers.Redis : null,
            ["Messaging:SchedulerQueue"] = setup.SchedulerQueue,
            ["Storage:Mode"] = setup.Server ? "Server" : "Embedded",
            ["Storage:DataPath"] = setup.DataPath,
            ["Scheduler:RedisPrefix"] = setup.RedisPrefix,
            ["Scheduler:PollingInterval"] = "00:00:00.2",
        });
        builder.Services.AddSingleton<ProbeLog>();
        if (setup.Server)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(TestServers.Redis));
        }

        if (withScheduler)
        {
            SchedulerWorker.AddServices(builder);
        }

        builder.AddBus(x =>
        {
            if (withScheduler)
            {
                SchedulerWorker.AddConsumers(x);
            }

            x.AddConsumer<SchedulerProbeConsumer>().Endpoint(e => e.Name = setup.ProbeQueue);
            configure?.Invoke(x);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new SchedulerHost(host, setup);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        // Hangfire keeps the host's logger factory in a process-wide log provider: left there, the next test that
        // opens Hangfire storage without a host of its own would log through a disposed factory and throw.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }
}
