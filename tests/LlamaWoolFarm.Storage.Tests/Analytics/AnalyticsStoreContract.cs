using LlamaWoolFarm.Storage.Analytics;

namespace LlamaWoolFarm.Storage.Tests.Analytics;

/// <summary>
/// What every analytics time-series adapter must answer. InfluxDB and SQLite derive from this with a fresh, empty
/// store per test, so both give the same buckets for the same points.
/// </summary>
public abstract class AnalyticsStoreContract
{
    protected static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    protected abstract IAnalyticsStore Store { get; }

    /// <summary>A second instance on the same data, which cannot see anything <see cref="Store"/> still holds in memory.</summary>
    protected abstract IAnalyticsStore OpenReader();

    protected static AnalyticsPoint Action(string player, DateTimeOffset at, double wool = 1, string outcome = "applied") =>
        new("game_action", new Dictionary<string, string> { ["player"] = player, ["outcome"] = outcome }, new Dictionary<string, object> { ["player_id"] = player, ["wool"] = wool, ["quantity"] = 3L }, at);

    [Fact]
    public async Task Points_are_counted_per_window_aligned_to_the_epoch_with_empty_buckets_as_zero()
    {
        Store.Write([Action("p1", Day.AddMinutes(1)), Action("p1", Day.AddMinutes(2)), Action("p2", Day.AddMinutes(61)), Action("p2", Day.AddHours(5))]);
        await Store.FlushAsync();

        var buckets = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Count, "quantity", Day.AddMinutes(30), Day.AddHours(3), TimeSpan.FromHours(1)));

        Assert.Equal([Day, Day.AddHours(1), Day.AddHours(2)], buckets.Select(b => b.Start));
        // The first bucket starts at the window boundary but only holds points from From on.
        Assert.Equal([0d, 1d, 0d], buckets.Select(b => b.Value));
    }

    [Fact]
    public async Task A_field_is_summed_and_distinct_values_are_counted()
    {
        Store.Write([Action("p1", Day.AddMinutes(1), 2.5), Action("p1", Day.AddMinutes(2), 4), Action("p2", Day.AddMinutes(3), 0.5), Action("p3", Day.AddDays(1).AddMinutes(1), 10)]);
        await Store.FlushAsync();

        var sums = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Sum, "wool", Day, Day.AddDays(2), TimeSpan.FromDays(1)));
        var players = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.CountDistinct, "player_id", Day, Day.AddDays(2), TimeSpan.FromDays(1)));

        Assert.Equal([7d, 10d], sums.Select(b => b.Value));
        Assert.Equal([2d, 1d], players.Select(b => b.Value));
    }

    [Fact]
    public async Task Tags_filter_an_aggregate()
    {
        Store.Write([Action("p1", Day.AddMinutes(1)), Action("p1", Day.AddMinutes(2), outcome: "rejected"), Action("p2", Day.AddMinutes(3), outcome: "rejected")]);
        await Store.FlushAsync();

        var rejected = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Count, "player_id", Day, Day.AddMinutes(10), TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["outcome"] = "rejected" }));

        Assert.Equal(2d, Assert.Single(rejected).Value);
    }

    [Fact]
    public async Task Writing_the_same_point_again_merges_it_instead_of_counting_it_twice()
    {
        var at = Day.AddMinutes(5);
        Store.Write([Action("p1", at, 1)]);
        Store.Write([Action("p1", at, 3)]);
        await Store.FlushAsync();

        var count = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Count, "wool", Day, Day.AddHours(1), TimeSpan.FromHours(1)));
        var sum = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Sum, "wool", Day, Day.AddHours(1), TimeSpan.FromHours(1)));

        Assert.Equal(1d, Assert.Single(count).Value);
        Assert.Equal(3d, Assert.Single(sum).Value);
    }

    [Fact]
    public async Task Distinct_values_of_a_field_are_listed_for_a_range_only()
    {
        Store.Write([Action("p1", Day.AddHours(1)), Action("p2", Day.AddHours(2)), Action("p1", Day.AddHours(3)), Action("p3", Day.AddDays(1))]);
        await Store.FlushAsync();

        var players = await Store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1));

        Assert.Equal(["p1", "p2"], players.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deleting_by_tag_removes_a_players_points_from_every_measurement()
    {
        Store.Write([
            Action("gone", Day.AddMinutes(1)),
            Action("stays", Day.AddMinutes(2)),
            new AnalyticsPoint("client_event", new Dictionary<string, string> { ["player"] = "gone", ["name"] = "session_start" }, new Dictionary<string, object> { ["player_id"] = "gone" }, Day.AddMinutes(3)),
        ]);
        await Store.FlushAsync();

        await Store.DeleteByTagAsync("player", "gone");

        Assert.Equal(["stays"], await Store.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1)));
        Assert.Empty(await Store.DistinctAsync("client_event", "player_id", Day, Day.AddDays(1)));
    }

    [Fact]
    public async Task Names_tags_and_strings_with_characters_line_protocol_must_escape_come_back_unchanged()
    {
        const string Text = "say \"hi\", a=b \\ back\\slash\nnew line, é ☃";
        const string Tag = "v,a=l ue é";
        Store.Write([new AnalyticsPoint(
            "odd measurement,name",
            new Dictionary<string, string> { ["tag key=,x"] = Tag, ["empty"] = string.Empty },
            new Dictionary<string, object> { ["text"] = Text, ["n"] = 1L },
            Day.AddMinutes(1))]);
        await Store.FlushAsync();

        var texts = await Store.DistinctAsync("odd measurement,name", "text", Day, Day.AddDays(1));
        var filtered = await Store.AggregateAsync(new AnalyticsAggregate("odd measurement,name", AggregateFunction.Count, "n", Day, Day.AddHours(1), TimeSpan.FromHours(1), new Dictionary<string, string> { ["tag key=,x"] = Tag }));

        Assert.Equal(Text, Assert.Single(texts));
        Assert.Equal(1d, Assert.Single(filtered).Value);
    }

    [Fact]
    public async Task Every_field_type_is_stored()
    {
        Store.Write([new AnalyticsPoint("types", new Dictionary<string, string>(), new Dictionary<string, object> { ["i"] = 42L, ["d"] = 0.25, ["b"] = true, ["s"] = "x" }, Day)]);
        await Store.FlushAsync();

        Assert.Equal(42d, (await Store.AggregateAsync(new AnalyticsAggregate("types", AggregateFunction.Sum, "i", Day, Day.AddMinutes(1), TimeSpan.FromMinutes(1)))).Single().Value);
        Assert.Equal(0.25, (await Store.AggregateAsync(new AnalyticsAggregate("types", AggregateFunction.Sum, "d", Day, Day.AddMinutes(1), TimeSpan.FromMinutes(1)))).Single().Value);
        Assert.Equal(1d, (await Store.AggregateAsync(new AnalyticsAggregate("types", AggregateFunction.Count, "b", Day, Day.AddMinutes(1), TimeSpan.FromMinutes(1)))).Single().Value);
        Assert.Equal(["x"], await Store.DistinctAsync("types", "s", Day, Day.AddMinutes(1)));
    }

    [Fact]
    public async Task A_durable_write_is_readable_as_soon_as_it_completes()
    {
        await Store.WriteAsync([Action("p1", Day.AddMinutes(1)), Action("p2", Day.AddMinutes(2))]);

        // Another instance, and no flush: only what reached the server or the file is there.
        var players = await OpenReader().DistinctAsync("game_action", "player_id", Day, Day.AddHours(1));

        Assert.Equal(["p1", "p2"], players.Order(StringComparer.Ordinal));
        Assert.Equal(0, Store.Stats.Buffered);
    }

    [Fact]
    public async Task A_durable_write_repeated_counts_once()
    {
        List<AnalyticsPoint> batch = [Action("p1", Day.AddMinutes(1), 2), Action("p1", Day.AddMinutes(2), 3)];
        await Store.WriteAsync(batch);
        await Store.WriteAsync(batch);

        var sums = await OpenReader().AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Sum, "wool", Day, Day.AddHours(1), TimeSpan.FromHours(1)));

        Assert.Equal(5d, Assert.Single(sums).Value);
    }

    [Fact]
    public async Task Concurrent_durable_writes_each_complete_with_their_points_stored()
    {
        const int writers = 32;
        var reader = OpenReader();
        var writes = Enumerable.Range(0, writers).Select(async w =>
        {
            await Store.WriteAsync([Action($"w{w}", Day.AddSeconds(w)), Action($"w{w}", Day.AddSeconds(w).AddMinutes(1))]);
            // Checked by each writer at its own completion, while others may still be in flight.
            return (await reader.DistinctAsync("game_action", "player_id", Day.AddSeconds(w), Day.AddSeconds(w + 1))).SingleOrDefault();
        });

        var seen = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(0, writers).Select(w => $"w{w}"), seen);
        Assert.Equal(writers * 2d, Assert.Single(await reader.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Count, "wool", Day, Day.AddHours(1), TimeSpan.FromHours(1)))).Value);
    }

    [Fact]
    public async Task Points_written_by_many_writers_at_once_are_all_stored()
    {
        const int writers = 16;
        const int each = 50;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < each; i++)
            {
                Store.Write([Action($"w{w}", Day.AddSeconds(i))]);
            }
        })));
        await Store.FlushAsync();

        var buckets = await Store.AggregateAsync(new AnalyticsAggregate("game_action", AggregateFunction.Count, "wool", Day, Day.AddHours(1), TimeSpan.FromHours(1)));

        Assert.Equal(writers * each, Assert.Single(buckets).Value);
        Assert.Equal(writers, (await Store.DistinctAsync("game_action", "player_id", Day, Day.AddHours(1))).Count);
    }

    [Fact]
    public async Task An_empty_store_answers_zero_buckets_and_no_values()
    {
        var buckets = await Store.AggregateAsync(new AnalyticsAggregate("nothing", AggregateFunction.Count, "x", Day, Day.AddDays(3), TimeSpan.FromDays(1)));

        Assert.Equal([0d, 0d, 0d], buckets.Select(b => b.Value));
        Assert.Empty(await Store.DistinctAsync("nothing", "x", Day, Day.AddDays(1)));
        Assert.True(await Store.PingAsync());
    }

    [Fact]
    public void A_point_line_protocol_cannot_carry_is_refused_at_once()
    {
        var bad = new AnalyticsPoint("m", new Dictionary<string, string> { ["t"] = "ends\\" }, new Dictionary<string, object> { ["f"] = 1L }, Day);

        Assert.Throws<ArgumentException>(() => Store.Write([bad]));
    }
}
