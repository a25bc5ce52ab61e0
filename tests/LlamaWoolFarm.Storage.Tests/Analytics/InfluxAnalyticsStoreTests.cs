using LlamaWoolFarm.Storage.Analytics;

namespace LlamaWoolFarm.Storage.Tests.Analytics;

/// <summary>The analytics contract against the real InfluxDB 1.6, a fresh database per test, dropped afterwards.</summary>
public sealed class InfluxAnalyticsStoreTests : AnalyticsStoreContract, IAsyncLifetime
{
    private readonly string _database = InfluxServer.NewDatabaseName();
    private readonly InfluxAnalyticsStore _store;

    public InfluxAnalyticsStoreTests() => _store = new InfluxAnalyticsStore(Options(InfluxServer.Address));

    private readonly List<InfluxAnalyticsStore> _readers = [];

    protected override IAnalyticsStore Store => _store;

    protected override IAnalyticsStore OpenReader()
    {
        var reader = new InfluxAnalyticsStore(Options(InfluxServer.Address));
        _readers.Add(reader);
        return reader;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        foreach (var reader in _readers)
        {
            await reader.DisposeAsync();
        }

        await InfluxServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task The_database_is_created_by_the_first_write()
    {
        Assert.False(await InfluxServer.DatabaseExistsAsync(_database));

        _store.Write([Action("p1", Day)]);
        await _store.FlushAsync();

        Assert.True(await InfluxServer.DatabaseExistsAsync(_database));
        Assert.Equal(1, _store.Stats.Written);
    }

    [Fact]
    public async Task Points_wait_in_the_bounded_buffer_while_InfluxDB_is_unreachable_and_drain_when_it_is_back()
    {
        await using var door = new InfluxDoor();
        await using (var store = new InfluxAnalyticsStore(Options(door.Address, maxBuffered: 10, maxBatch: 3)))
        {
            var taken = store.Write(Enumerable.Range(0, 25).Select(i => Action($"p{i}", Day.AddSeconds(i))).ToList());

            Assert.Equal(10, taken);
            Assert.Equal(15, store.Stats.Dropped);
            // Let the sender fail a few rounds against the closed port: nothing is written or lost meanwhile.
            await Task.Delay(300);
            Assert.Equal(new AnalyticsWriteStats(10, 0, 10, 15, 0), store.Stats);
            Assert.Equal(0, store.Write([Action("late", Day.AddMinutes(1))]));

            door.Start();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await store.FlushAsync(timeout.Token);

            Assert.Equal(new AnalyticsWriteStats(10, 10, 0, 16, 0), store.Stats);
        }

        var players = await _store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"p{i}").Order(StringComparer.Ordinal), players.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Points_written_while_a_real_influxd_is_stopped_are_kept_and_sent_when_it_is_started_again()
    {
        await using var influxd = new PrivateInfluxd();
        await influxd.StartAsync();
        await using var store = new InfluxAnalyticsStore(Options(influxd.Address));
        store.Write(Enumerable.Range(0, 5).Select(i => Action($"before{i}", Day.AddSeconds(i))).ToList());
        await store.FlushAsync();
        Assert.Equal(5, store.Stats.Written);

        await influxd.StopAsync();
        Assert.Equal(5, store.Write(Enumerable.Range(0, 5).Select(i => Action($"during{i}", Day.AddMinutes(1).AddSeconds(i))).ToList()));
        // The sender meets a stopped server for a while: the points stay buffered, none dropped.
        await Task.Delay(500);
        Assert.Equal((5L, 5L, 0L), (store.Stats.Written, store.Stats.Buffered, store.Stats.Dropped));

        await influxd.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await store.FlushAsync(timeout.Token);

        Assert.Equal(10, store.Stats.Written);
        var players = await store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1));
        // The restarted server has the points written before it stopped (from its files) and those sent after.
        Assert.Equal(10, players.Count);
        Assert.Contains("before0", players);
        Assert.Contains("during4", players);
    }

    [Fact]
    public async Task Writing_never_waits_for_an_unreachable_server()
    {
        await using var door = new InfluxDoor();
        await using var store = new InfluxAnalyticsStore(Options(door.Address));
        var started = DateTime.UtcNow;

        for (var i = 0; i < 1_000; i++)
        {
            store.Write([Action("p1", Day.AddSeconds(i))]);
        }

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "a write waited for the server");
        Assert.Equal(1_000, store.Stats.Buffered);
        Assert.False(await store.PingAsync());
        await Assert.ThrowsAsync<AnalyticsStoreUnavailableException>(() => store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1)));
    }

    [Fact]
    public async Task A_durable_write_throws_while_InfluxDB_is_unreachable_keeps_nothing_and_succeeds_once_it_is_back()
    {
        await using var door = new InfluxDoor();
        await using var store = new InfluxAnalyticsStore(Options(door.Address));
        List<AnalyticsPoint> batch = [Action("p1", Day), Action("p2", Day.AddSeconds(1))];

        await Assert.ThrowsAsync<AnalyticsStoreUnavailableException>(() => store.WriteAsync(batch));
        // Not parked in the buffer either: the caller owns the retry, so a crash now loses nothing it was told is stored.
        Assert.Equal((0L, 0L, 0L), (store.Stats.Written, store.Stats.Buffered, store.Stats.Dropped));

        door.Start();
        await store.WriteAsync(batch);

        Assert.Equal(2, store.Stats.Written);
        Assert.Equal(["p1", "p2"], (await _store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_durable_write_the_server_refuses_fails_alone_when_it_shared_a_request()
    {
        await _store.WriteAsync([new AnalyticsPoint("typed", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = 1L }, Day)]);

        // Started together, so they share a request; InfluxDB refuses it for the field type conflict.
        var bad = _store.WriteAsync([new AnalyticsPoint("typed", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = "text" }, Day.AddMinutes(1))]);
        var good = _store.WriteAsync([Action("good", Day)]);

        await Assert.ThrowsAsync<InvalidDataException>(() => bad);
        await good;
        Assert.Equal(["good"], await _store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1)));
        Assert.Equal(1, _store.Stats.Rejected);
    }

    [Fact]
    public async Task A_batch_the_server_refuses_is_counted_and_does_not_hold_up_later_points()
    {
        _store.Write([new AnalyticsPoint("typed", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = 1L }, Day)]);
        await _store.FlushAsync();

        // InfluxDB refuses a field whose type differs from the one already stored.
        _store.Write([new AnalyticsPoint("typed", new Dictionary<string, string>(), new Dictionary<string, object> { ["f"] = "text" }, Day.AddMinutes(1))]);
        await _store.FlushAsync();
        _store.Write([Action("after", Day)]);
        await _store.FlushAsync();

        Assert.Equal(1, _store.Stats.Rejected);
        Assert.Equal(["after"], await _store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1)));
    }

    [Fact]
    public async Task A_large_write_goes_out_in_several_batches()
    {
        await using var store = new InfluxAnalyticsStore(Options(InfluxServer.Address, maxBatch: 100));
        store.Write(Enumerable.Range(0, 1_050).Select(i => Action("p" + (i % 7), Day.AddSeconds(i))).ToList());
        await store.FlushAsync();

        var count = await store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Count, "wool", Day, Day.AddDays(1), TimeSpan.FromDays(1)));

        Assert.Equal(1_050d, Assert.Single(count).Value);
    }

    private InfluxOptions Options(Uri address, int maxBuffered = 100_000, int maxBatch = 5_000) => new()
    {
        BaseAddress = address,
        Database = _database,
        MaxBufferedPoints = maxBuffered,
        MaxBatchPoints = maxBatch,
        RetryAttempts = 1,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        UnavailablePause = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };
}
