using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The default receive policy's in-memory outbox on the real broker: the events a consumer published leave together
/// once it succeeded, so their publisher confirms overlap (a game command's three result events cost one confirm
/// round trip, not three in a row), and none leaves while the consumer fails.
/// </summary>
public sealed class ResultEventPublishTests
{
    [Fact]
    public async Task A_consumers_events_are_published_together_after_it_succeeded()
    {
        await using var vhost = await RabbitVirtualHost.CreateAsync();
        var observer = new OverlapObserver();
        using var host = await StartAsync(vhost, observer);
        try
        {
            // One fan-out at a time, until one shows its three publishes in flight together: on a starved machine a
            // confirm can come back before the next publish is even issued, but a consumer whose publishes wait for
            // each other's confirms never shows two in flight, however many times it runs.
            var fanOuts = 0;
            while (fanOuts < 5 && observer.MaxInFlight <= 1)
            {
                fanOuts++;
                await host.Services.GetRequiredService<IBus>().Publish(new FanOutRequested(Guid.NewGuid(), Fail: false));
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (observer.Confirmed < 3 * fanOuts)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"Fan-out {fanOuts} was not confirmed in time ({observer.Confirmed} confirms).");
                    await Task.Delay(10);
                }
            }

            Assert.Equal(3 * fanOuts, observer.Confirmed);
            Assert.True(observer.MaxInFlight > 1, $"The three publishes went one after another in each of {fanOuts} fan-outs (at most {observer.MaxInFlight} in flight).");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_failing_consumer_publishes_nothing()
    {
        await using var vhost = await RabbitVirtualHost.CreateAsync();
        var observer = new OverlapObserver();
        using var host = await StartAsync(vhost, observer);
        try
        {
            await host.Services.GetRequiredService<IBus>().Publish(new FanOutRequested(Guid.NewGuid(), Fail: true));
            // The fault goes to the _error queue at once (not a transient fault): give it the time a success takes.
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.Equal(0, observer.Started);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<IHost> StartAsync(RabbitVirtualHost vhost, OverlapObserver observer)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:rabbitmq"] = vhost.ConnectionString,
        });
        builder.Services.AddPublishObserver(_ => observer);
        builder.AddBus(x => x.AddConsumer<FanOutConsumer>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public sealed record FanOutRequested(Guid Id, bool Fail);

    public sealed record FirstHappened(Guid Id);

    public sealed record SecondHappened(Guid Id);

    public sealed record ThirdHappened(Guid Id);

    public sealed class FanOutConsumer : IConsumer<FanOutRequested>
    {
        public async Task Consume(ConsumeContext<FanOutRequested> context)
        {
            var id = context.Message.Id;
            await context.Publish(new FirstHappened(id));
            await context.Publish(new SecondHappened(id));
            await context.Publish(new ThirdHappened(id));
            if (context.Message.Fail)
            {
                throw new InvalidOperationException("The consumer fails after publishing.");
            }
        }
    }

    /// <summary>Counts the publishes of the three events in flight at once (from the send until the broker's confirm).</summary>
    private sealed class OverlapObserver : IPublishObserver
    {
        private int _inFlight;
        private int _maxInFlight;
        private int _started;
        private int _confirmed;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public int Started => Volatile.Read(ref _started);

        public int Confirmed => Volatile.Read(ref _confirmed);

        public Task PrePublish<T>(PublishContext<T> context)
            where T : class
        {
            if (Counted<T>())
            {
                Interlocked.Increment(ref _started);
                var now = Interlocked.Increment(ref _inFlight);
                int seen;
                while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
                {
                }
            }

            return Task.CompletedTask;
        }

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class
        {
            if (Counted<T>())
            {
                Interlocked.Decrement(ref _inFlight);
                Interlocked.Increment(ref _confirmed);
            }

            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class
        {
            if (Counted<T>())
            {
                Interlocked.Decrement(ref _inFlight);
            }

            return Task.CompletedTask;
        }

        private static bool Counted<T>() => typeof(T) == typeof(FirstHappened) || typeof(T) == typeof(SecondHappened) || typeof(T) == typeof(ThirdHappened);
    }
}
