using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Analytics.Consumers;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit.Testing;

namespace LlamaWoolFarm.Workers.Analytics.Tests;

/// <summary>
/// The API answers 202 once the gateway has the batch durably; the consumer's success must then mean the points are
/// stored, against the real InfluxDB and SQLite, with reads through a second store instance and no flush between.
/// </summary>
public sealed class DurableIngestTests
{
    private static readonly DateTimeOffset Now = TestBus.Start;

    [Fact]
    public async Task Client_events_are_in_SQLite_when_the_consumer_completes()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "analytics.db");
        await using var fx = await AnalyticsFixture.StartAsync(store: new SqliteAnalyticsStore(path));
        var command = Batch(Guid.NewGuid());

        await ConsumeAsync(fx, command);

        await AssertRecordedOnceAsync(new SqliteAnalyticsStore(path), command.PlayerId);
    }

    [Fact]
    public async Task Client_events_are_in_InfluxDB_when_the_consumer_completes()
    {
        await using var influx = new InfluxDatabase();
        await using var store = influx.Open();
        await using var reader = influx.Open();
        await using var fx = await AnalyticsFixture.StartAsync(store: store);
        var command = Batch(Guid.NewGuid());

        await ConsumeAsync(fx, command);

        await AssertRecordedOnceAsync(reader, command.PlayerId);
        Assert.Equal(0, store.Stats.Buffered);
    }

    [Fact]
    public async Task Consuming_client_events_throws_while_InfluxDB_is_unreachable_and_nothing_is_buffered_or_dropped()
    {
        await using var store = InfluxDatabase.OpenUnreachable();
        await using var fx = await AnalyticsFixture.StartAsync(store: store);
        var command = Batch(Guid.NewGuid());

        await Assert.ThrowsAsync<AnalyticsStoreUnavailableException>(() => fx.Recorder.RecordClientEventsAsync(command, default));

        // Through the bus the same failure is a faulted consume (retried, then redelivered), never a silent success.
        await fx.Harness.Bus.Publish(command);
        var consumer = fx.Harness.GetConsumerHarness<RecordClientEventsConsumer>();
        await AnalyticsFixture.WaitUntilAsync(() => consumer.Consumed.Select<RecordClientEvents>(m => m.Exception is not null).Any());
        Assert.IsType<AnalyticsStoreUnavailableException>(consumer.Consumed.Select<RecordClientEvents>(m => m.Exception is not null).First().Exception);
        Assert.False(consumer.Consumed.Select<RecordClientEvents>(m => m.Exception is null).Any());
        Assert.Equal((0L, 0L, 0L), (store.Stats.Written, store.Stats.Buffered, store.Stats.Dropped));
    }

    [Fact]
    public async Task A_redelivered_batch_counts_once_in_SQLite()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "analytics.db");
        await using var fx = await AnalyticsFixture.StartAsync(store: new SqliteAnalyticsStore(path));
        var command = Batch(Guid.NewGuid());

        await ConsumeAsync(fx, command);
        await ConsumeAsync(fx, command, deliveries: 2);

        await AssertRecordedOnceAsync(new SqliteAnalyticsStore(path), command.PlayerId);
    }

    [Fact]
    public async Task A_redelivered_batch_counts_once_in_InfluxDB()
    {
        await using var influx = new InfluxDatabase();
        await using var store = influx.Open();
        await using var reader = influx.Open();
        await using var fx = await AnalyticsFixture.StartAsync(store: store);
        var command = Batch(Guid.NewGuid());

        await ConsumeAsync(fx, command);
        await ConsumeAsync(fx, command, deliveries: 2);

        await AssertRecordedOnceAsync(reader, command.PlayerId);
    }

    [Fact]
    public async Task A_batch_whose_write_failed_writes_the_players_activity_and_first_seen_on_its_retry()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "analytics.db");
        // The first write fails after the player's record was created: the retry must still write the first-seen point.
        var store = new FailingFirstWrites(new SqliteAnalyticsStore(path), failures: 2);
        await using var fx = await AnalyticsFixture.StartAsync(store: store);
        var command = Batch(Guid.NewGuid());

        await fx.Harness.Bus.Publish(command);
        // The harness lists a message once, by its first (failed) attempt; the retry's one write shows in the stats.
        await AnalyticsFixture.WaitUntilAsync(() => store.Stats.Written > 0);

        Assert.True(store.FailuresLeft < 0);
        await AssertRecordedOnceAsync(new SqliteAnalyticsStore(path), command.PlayerId);
    }

    private static RecordClientEvents Batch(Guid player) => new(
        Guid.NewGuid(),
        player,
        "r1",
        [new("session_start", Now.AddMinutes(-2), "s1", "{\"device\":\"ios\"}"), new("player_action", Now.AddMinutes(-2), "s1", null)],
        Now);

    /// <summary>Publishes the command and waits until the consumer has completed it <paramref name="deliveries"/> times in all.</summary>
    private static async Task ConsumeAsync(AnalyticsFixture fx, RecordClientEvents command, int deliveries = 1)
    {
        await fx.Harness.Bus.Publish(command);
        var consumer = fx.Harness.GetConsumerHarness<RecordClientEventsConsumer>();
        await AnalyticsFixture.WaitUntilAsync(() => consumer.Consumed.Select<RecordClientEvents>(m => m.Exception is null).Count() >= deliveries);
    }

    private static async Task AssertRecordedOnceAsync(IAnalyticsStore reader, Guid player)
    {
        var events = await reader.AggregateAsync(new AnalyticsAggregate(Measurements.ClientEvent, AggregateFunction.Count, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1), TimeSpan.FromHours(2)));
        var active = await reader.AggregateAsync(new AnalyticsAggregate(Measurements.PlayerActive, AggregateFunction.Count, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1), TimeSpan.FromHours(2)));
        var firstSeen = await reader.AggregateAsync(new AnalyticsAggregate(Measurements.PlayerFirstSeen, AggregateFunction.Count, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1), TimeSpan.FromHours(2)));

        Assert.Equal(2d, events.Sum(b => b.Value));
        Assert.Equal(1d, active.Sum(b => b.Value));
        Assert.Equal(1d, firstSeen.Sum(b => b.Value));
        Assert.Equal([player.ToString()], await reader.DistinctAsync(Measurements.ClientEvent, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1)));
    }

    /// <summary>A store whose first durable writes fail as an unreachable server's would; everything else passes through.</summary>
    private sealed class FailingFirstWrites(IAnalyticsStore inner, int failures) : IAnalyticsStore
    {
        private int _failuresLeft = failures;

        /// <summary>Below zero once a write was let through.</summary>
        public int FailuresLeft => Volatile.Read(ref _failuresLeft);

        public AnalyticsWriteStats Stats => inner.Stats;

        public Task WriteAsync(IReadOnlyList<AnalyticsPoint> points, CancellationToken cancellationToken = default) =>
            Interlocked.Decrement(ref _failuresLeft) >= 0
                ? Task.FromException(new AnalyticsStoreUnavailableException("down for the test"))
                : inner.WriteAsync(points, cancellationToken);

        public int Write(IReadOnlyList<AnalyticsPoint> points) => inner.Write(points);

        public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public Task<IReadOnlyList<AnalyticsBucket>> AggregateAsync(AnalyticsAggregate query, CancellationToken cancellationToken = default) => inner.AggregateAsync(query, cancellationToken);

        public Task<IReadOnlySet<string>> DistinctAsync(string measurement, string field, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
            inner.DistinctAsync(measurement, field, from, to, cancellationToken);

        public Task DeleteByTagAsync(string key, string value, CancellationToken cancellationToken = default) => inner.DeleteByTagAsync(key, value, cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }
}
