using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>
/// The floor the message bus sets under the system, with no work in any consumer: MassTransit on the in-memory
/// transport (Standalone) or RabbitMQ (distributed), the project's receive policy (kill switch, retries, in-memory
/// outbox, log context), and the real messages of a click command (its result events taken from a real
/// <see cref="CommandOutcome"/>). Each operation is one command's worth of messages; 1,000 are in flight at once.
/// </summary>
[MemoryDiagnoser]
public class BusBenchmarks
{
    private const int Batch = 1_000;
    private const string InMemory = "in-memory";
    private const string RabbitMq = "RabbitMQ";
    private const string RabbitMqVariable = "LWF_BENCH_RABBITMQ";

    private ServiceProvider _provider = null!;
    private IBusControl _bus = null!;
    private ISendEndpoint _clicks = null!;
    private string _folder = null!;

    /// <summary>
    /// The transport: in-memory always; RabbitMQ when <c>LWF_BENCH_RABBITMQ</c> names a broker (give it a throwaway
    /// virtual host: the endpoints' queues are durable and stay).
    /// </summary>
    [ParamsSource(nameof(Transports))]
    public string Transport { get; set; } = InMemory;

    public static IEnumerable<string> Transports =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RabbitMqVariable)) ? [InMemory] : [InMemory, RabbitMq];

    /// <summary>
    /// Deliveries of the result events. 3 is the system now: <c>GameStateChanged</c> (carrying the applied command)
    /// to realtime and analytics, <c>ScoresChanged</c> to leaderboards. 4 is the system before the fifth wave of
    /// issue 21, when the applied command was an <c>ActionApplied</c> event of its own to realtime: the publisher then
    /// also publishes it, as the game worker did.
    /// </summary>
    [Params(3, 4)]
    public int Consumers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "lwf-bench-" + Guid.NewGuid().ToString("N"));
        using (var store = new SqliteDocumentStore(Path.Combine(_folder, "documents.db")))
        {
            var clock = new SteppingClock(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
            var service = new GameCommandService(store, clock, new RunningEventEffects(store));
            var player = Guid.NewGuid();
            for (var i = 0; i < 10; i++)
            {
                clock.Step();
                ResultPublisher.Outcome = service.SubmitClicksAsync(new SubmitClicks(Guid.NewGuid(), player, 5, null, null), CancellationToken.None).GetAwaiter().GetResult();
            }

            if (ResultPublisher.Outcome!.Record.Status == CommandStatuses.Rejected)
            {
                throw new InvalidOperationException("The click batch the benchmark publishes was refused: " + ResultPublisher.Outcome.Record.ErrorCode);
            }
        }

        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.AddConsumer<ResultPublisher>().Endpoint(e => e.Name = "bench-clicks");
            x.AddConsumer<StateRelay>();
            x.AddConsumer<ScoresBoard>();
            x.AddConsumer<StateAnalytics>();
            ResultPublisher.AppliedOnItsOwn = Consumers == 4;
            if (ResultPublisher.AppliedOnItsOwn)
            {
                x.AddConsumer<AppliedRelay>();
            }

            // The settings the system runs with (MessagingOptions' defaults) and its receive policy on every endpoint.
            if (Transport == RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(Environment.GetEnvironmentVariable(RabbitMqVariable)!));
                    cfg.PrefetchCount = 128;
                    cfg.ConcurrentMessageLimit = 32;
                    cfg.UseDefaultReceivePolicy(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConcurrentMessageLimit = 32;
                    cfg.UseDefaultReceivePolicy(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        _provider = services.BuildServiceProvider();
        _bus = _provider.GetRequiredService<IBusControl>();
        _bus.Start();
        _clicks = _bus.GetSendEndpoint(new Uri("queue:bench-clicks")).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bus.Stop();
        _provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A click command on the bus: its send, its result events, and their deliveries.</summary>
    [Benchmark(Description = "click command's messages (send, publishes, fan-out)", OperationsPerInvoke = Batch)]
    public async Task CommandMessages()
    {
        var done = Tally.Expect(Batch * Consumers);
        var player = ResultPublisher.Outcome!.Record.PlayerId;
        var sends = new Task[Batch];
        for (var i = 0; i < Batch; i++)
        {
            sends[i] = _clicks.Send(new SubmitClicks(Guid.NewGuid(), player, 5, null, null));
        }

        await Task.WhenAll(sends);
        if (await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(30))) != done)
        {
            throw new TimeoutException($"{Tally.Remaining} deliveries missing");
        }
    }

    /// <summary>Counts deliveries until the expected number arrived.</summary>
    private static class Tally
    {
        private static int _remaining;
        private static TaskCompletionSource _done = new();

        public static int Remaining => Volatile.Read(ref _remaining);

        public static Task Expect(int deliveries)
        {
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _remaining, deliveries);
            return _done.Task;
        }

        public static Task Delivered()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Stands in for the game consumer: publishes a real outcome's events through the real code.</summary>
    public sealed class ResultPublisher : IConsumer<SubmitClicks>
    {
        public static CommandOutcome? Outcome { get; set; }

        /// <summary>Also publishes the applied command as an event of its own, as the game worker did before.</summary>
        public static bool AppliedOnItsOwn { get; set; }

        public async Task Consume(ConsumeContext<SubmitClicks> context)
        {
            var record = Outcome!.Record;
            if (AppliedOnItsOwn)
            {
                await context.Publish(new ActionApplied(record.CommandId, record.PlayerId, record.ActionType, record.Target, record.Quantity, record.Changes, record.CompletedAt), context.CancellationToken);
            }

            await Outcome.PublishAsync(context, context.CancellationToken);
        }
    }

    /// <summary>
    /// A consumer that only counts its delivery. Each subclass is a type of its own, so MassTransit gives it an
    /// endpoint of its own, as each module's consumer has in the system.
    /// </summary>
    public abstract class Counting<TMessage> : IConsumer<TMessage>
        where TMessage : class
    {
        public Task Consume(ConsumeContext<TMessage> context) => Tally.Delivered();
    }

    public sealed class AppliedRelay : Counting<ActionApplied>;

    public sealed class StateRelay : Counting<GameStateChanged>;

    public sealed class StateAnalytics : Counting<GameStateChanged>;

    public sealed class ScoresBoard : Counting<ScoresChanged>;
}
