using System.Text.Json;
using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Analytics.Consumers;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit.Serialization;
using MassTransit.Testing;

namespace LlamaWoolFarm.Workers.Analytics.Tests;

public sealed class IngestTests
{
    private static readonly DateTimeOffset Now = TestBus.Start;

    [Fact]
    public async Task Client_events_become_points_with_their_properties_and_mark_the_player_active_and_first_seen()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var player = Guid.NewGuid();
        var events = new List<ClientEvent>
        {
            new("session_start", Now.AddMinutes(-2), "s1", "{\"device\":\"ios\"}"),
            new("player_action", Now.AddMinutes(-2), "s1", null),
            new("not_in_catalog", Now, null, null),
        };

        await fx.Harness.Bus.Publish(new RecordClientEvents(Guid.NewGuid(), player, "r1", events, Now));
        await AnalyticsFixture.WaitUntilAsync(() => fx.Harness.GetConsumerHarness<RecordClientEventsConsumer>().Consumed.Select<RecordClientEvents>().Any());

        var count = await fx.Store.AggregateAsync(new AnalyticsAggregate(Measurements.ClientEvent, AggregateFunction.Count, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1), TimeSpan.FromHours(2)));
        Assert.Equal(2d, count.Sum(b => b.Value));
        Assert.Equal(["{\"device\":\"ios\"}"], await fx.Store.DistinctAsync(Measurements.ClientEvent, "properties", Now.AddHours(-1), Now));
        Assert.Equal([player.ToString()], await fx.Store.DistinctAsync(Measurements.PlayerFirstSeen, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1)));
        Assert.Equal([player.ToString()], await fx.Store.DistinctAsync(Measurements.PlayerActive, Measurements.PlayerField, Now.AddHours(-1), Now.AddHours(1)));
    }

    [Fact]
    public async Task Game_and_save_events_from_the_bus_are_counted_by_the_metrics()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var player = Guid.NewGuid();

        await fx.Harness.Bus.Publish(Applied(player, 1, Now.AddMinutes(1)));
        await fx.Harness.Bus.Publish(Applied(player, 2, Now.AddMinutes(2)));
        await fx.Harness.Bus.Publish(new ActionRejected(Guid.NewGuid(), player, "click", "RATE_LIMITED_ACTION", "too fast", Now.AddMinutes(3)));
        await fx.Harness.Bus.Publish(new PrestigeCompleted(player, Guid.NewGuid(), 3, 3, 1, "1e12", Now.AddMinutes(4)));
        await fx.Harness.Bus.Publish(new AchievementUnlocked(player, Guid.NewGuid(), "first_click", Now.AddMinutes(1)));
        await fx.Harness.Bus.Publish(new SaveAccepted(Guid.NewGuid(), player, 2, "abc", [], false, Now.AddMinutes(5)));
        var consumer = fx.Harness.GetConsumerHarness<AnalyticsGameEventsConsumer>();
        await AnalyticsFixture.WaitUntilAsync(() =>
            consumer.Consumed.Select<PrestigeCompleted>().Any() && consumer.Consumed.Select<ActionRejected>().Any() && consumer.Consumed.Select<AchievementUnlocked>().Any()
            && consumer.Consumed.Select<GameActivity>().Count() == 2 && fx.Harness.GetConsumerHarness<AnalyticsSaveEventsConsumer>().Consumed.Select<SaveAccepted>().Any());

        var actions = await MetricAsync(fx, AnalyticsMetricNames.ActionsPerMinute, Now, Now.AddMinutes(10), 600);
        var prestiges = await MetricAsync(fx, AnalyticsMetricNames.Prestiges, Now, Now.AddMinutes(10), 600);
        var active = await MetricAsync(fx, AnalyticsMetricNames.ActivePlayers, Now, Now.AddMinutes(10), 600);

        // Two applied actions (the rejected one is not counted) over a 10-minute window.
        Assert.Equal(0.2, Assert.Single(actions.Points).Value, 9);
        Assert.Equal(1d, Assert.Single(prestiges.Points).Value);
        Assert.Equal(1d, Assert.Single(active.Points).Value);
        Assert.Equal(1d, (await fx.Store.AggregateAsync(new AnalyticsAggregate(Measurements.Save, AggregateFunction.Count, Measurements.PlayerField, Now, Now.AddMinutes(10), TimeSpan.FromMinutes(10)))).Single().Value);
    }

    [Fact]
    public async Task Wool_produced_is_the_growth_of_lifetime_wool_and_repeated_or_stale_states_add_nothing()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var player = Guid.NewGuid();

        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 1, "10", Now.AddMinutes(1))), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 3, "25", Now.AddMinutes(2))), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 3, "25", Now.AddMinutes(2))), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 2, "20", Now.AddMinutes(3))), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 4, "1e6", Now.AddHours(1).AddMinutes(1))), default);

        var wool = await MetricAsync(fx, AnalyticsMetricNames.WoolProduced, Now, Now.AddHours(2), 3600);

        Assert.Equal(2, wool.Points.Count);
        Assert.Equal(25d, wool.Points[0].Value, 6);
        // Big numbers carry a relative rounding error: close, not bit-exact.
        Assert.Equal(1e6 - 25, wool.Points[1].Value, 3);
    }

    [Fact]
    public async Task Wool_produced_stated_by_the_game_worker_is_counted_as_stated_and_a_repeated_event_counts_once()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var player = Guid.NewGuid();

        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 7, "1000", Now.AddMinutes(1)) with { WoolProduced = "40" }), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 8, "1002", Now.AddMinutes(2)) with { WoolProduced = "2" }), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 8, "1002", Now.AddMinutes(2)) with { WoolProduced = "2" }), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(State(player, 9, "1002", Now.AddMinutes(3)) with { WoolProduced = "0" }), default);

        var wool = await MetricAsync(fx, AnalyticsMetricNames.WoolProduced, Now, Now.AddHours(1), 3600);

        // The lifetime total (1002) is not taken for production: only what each change stated.
        Assert.Equal(42d, Assert.Single(wool.Points).Value, 6);
    }

    [Fact]
    public async Task A_replayed_command_republished_with_a_later_state_counts_its_action_and_wool_once()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var player = Guid.NewGuid();
        var first = Applied(player, 1, Now.AddMinutes(1));
        // The replay carries the first run's outcome and time, with the state materialized when it was replayed.
        var replay = first with { At = Now.AddMinutes(5), State = first.State with { MaterializedAt = Now.AddMinutes(5) } };

        await fx.Recorder.OnGameStateChangedAsync(Read(first), default);
        await fx.Recorder.OnGameStateChangedAsync(Read(replay), default);

        var wool = await MetricAsync(fx, AnalyticsMetricNames.WoolProduced, Now, Now.AddHours(1), 3600);
        var actions = await MetricAsync(fx, AnalyticsMetricNames.ActionsPerMinute, Now, Now.AddMinutes(10), 600);
        Assert.Equal(5d, Assert.Single(wool.Points).Value, 6);
        Assert.Equal(0.1, Assert.Single(actions.Points).Value, 9);
    }

    [Fact]
    public async Task Retention_counts_each_days_new_players_who_come_back_one_and_seven_days_later()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var day0 = Now.Date;
        fx.Clock.Now = new DateTimeOffset(day0.AddDays(30), TimeSpan.Zero);
        await ActAsync(fx, a, day0.AddHours(1));
        await ActAsync(fx, b, day0.AddHours(2));
        await ActAsync(fx, a, day0.AddDays(1).AddHours(3));
        await ActAsync(fx, c, day0.AddDays(1).AddHours(4));
        await ActAsync(fx, b, day0.AddDays(7).AddHours(5));
        await ActAsync(fx, c, day0.AddDays(8));

        var d1 = await MetricAsync(fx, AnalyticsMetricNames.RetentionD1, day0, day0.AddDays(2), 86400);
        var d7 = await MetricAsync(fx, AnalyticsMetricNames.RetentionD7, day0, day0.AddDays(2), 86400);
        var dau = await MetricAsync(fx, AnalyticsMetricNames.ActivePlayers, day0, day0.AddDays(2), 86400);

        Assert.Equal([0.5, 0d], d1.Points.Select(p => p.Value));
        Assert.Equal([2L, 1L], d1.Points.Select(p => p.Cohort!.Value));
        Assert.Equal([0.5, 1d], d7.Points.Select(p => p.Value));
        Assert.Equal([2d, 2d], dau.Points.Select(p => p.Value));
        Assert.All(d7.Points, p => Assert.True(p.Complete));
    }

    [Theory]
    [InlineData("nope", 3600, 1, AnalyticsErrorCodes.UnknownMetric)]
    [InlineData(AnalyticsMetricNames.RetentionD1, 3600, 1, AnalyticsErrorCodes.InvalidWindow)]
    [InlineData(AnalyticsMetricNames.Prestiges, 90, 1, AnalyticsErrorCodes.InvalidWindow)]
    [InlineData(AnalyticsMetricNames.Prestiges, 60, 2, AnalyticsErrorCodes.TooManyBuckets)]
    [InlineData(AnalyticsMetricNames.RetentionD7, 86400, 200, AnalyticsErrorCodes.TooManyBuckets)]
    [InlineData(AnalyticsMetricNames.Prestiges, 60, -1, AnalyticsErrorCodes.InvalidRange)]
    public async Task A_metric_query_out_of_bounds_is_refused_with_a_stable_code(string metric, long window, int days, string code)
    {
        await using var fx = await AnalyticsFixture.StartAsync();

        var answer = await fx.Metrics.GetAsync(new GetAnalyticsMetric(metric, Now, Now.AddDays(days), window, null), default);

        Assert.Equal(code, Assert.IsType<AnalyticsMetricRejected>(answer).Code);
    }

    [Fact]
    public async Task An_unreachable_time_series_store_is_answered_as_unavailable_and_ingest_still_succeeds()
    {
        var closed = new InfluxAnalyticsStore(new InfluxOptions { BaseAddress = new Uri($"http://127.0.0.1:{TestServers.FreePort()}/"), Database = "nowhere", UnavailablePause = TimeSpan.FromSeconds(1) });
        await using var fx = await AnalyticsFixture.StartAsync(store: closed);

        await fx.Harness.Bus.Publish(Applied(Guid.NewGuid(), 1, Now));
        await AnalyticsFixture.WaitUntilAsync(() => closed.Stats.Accepted >= 2);
        Assert.False(await fx.Harness.Published.Any<MassTransit.Fault<GameActivity>>());
        var answer = await fx.Metrics.GetAsync(new GetAnalyticsMetric(AnalyticsMetricNames.Prestiges, Now, Now.AddHours(1), 3600, null), default);

        Assert.Equal(AnalyticsErrorCodes.StoreUnavailable, Assert.IsType<AnalyticsMetricRejected>(answer).Code);
        Assert.True(closed.Stats.Buffered >= 1);
    }

    private static Task ActAsync(AnalyticsFixture fx, Guid player, DateTimeOffset at) =>
        fx.Recorder.OnGameStateChangedAsync(Read(Applied(player, 1, at)), default);

    /// <summary>The state change of an applied click command of 5 clicks, which produced 5 wool.</summary>
    private static GameStateChanged Applied(Guid player, long revision, DateTimeOffset at) =>
        State(player, revision, "5", at) with { CommandId = Guid.NewGuid(), ActionType = "click", Quantity = 5, WoolProduced = "5", ActionAt = at };

    /// <summary>The event as the analytics consumer gets it: written by the bus's serializer, read as its view.</summary>
    private static GameActivity Read(GameStateChanged e) =>
        JsonSerializer.Deserialize<GameActivity>(JsonSerializer.Serialize(e, SystemTextJsonMessageSerializer.Options), SystemTextJsonMessageSerializer.Options)!;

    private static GameStateChanged State(Guid player, long revision, string lifetime, DateTimeOffset at) =>
        new(player, null, revision, new GameStateView(player, revision, new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, int>(), [], [], lifetime, lifetime, "0", 0, at), at);

    private static async Task<AnalyticsMetricSeries> MetricAsync(AnalyticsFixture fx, string metric, DateTimeOffset from, DateTimeOffset to, long window)
    {
        var answer = await fx.Metrics.GetAsync(new GetAnalyticsMetric(metric, from, to, window, null), default);
        return Assert.IsType<AnalyticsMetricSeries>(answer);
    }
}
