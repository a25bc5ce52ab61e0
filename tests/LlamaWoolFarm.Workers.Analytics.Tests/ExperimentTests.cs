using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Tests;

public sealed class ExperimentTests
{
    [Fact]
    public async Task A_player_gets_the_same_variant_every_time_and_one_exposure_is_recorded()
    {
        await using var fx = await AnalyticsFixture.StartAsync();
        var client = fx.Harness.GetRequestClient<GetExperimentAssignment>();
        var player = Guid.NewGuid();

        var first = await client.GetResponse<ExperimentAssignment, ExperimentNotFound>(new GetExperimentAssignment(player, "shop-layout", null));
        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await client.GetResponse<ExperimentAssignment, ExperimentNotFound>(new GetExperimentAssignment(player, "shop-layout", null));

        Assert.True(first.Is(out Response<ExperimentAssignment>? a1));
        Assert.True(second.Is(out Response<ExperimentAssignment>? a2));
        Assert.Equal(a1!.Message.Variant, a2!.Message.Variant);
        Assert.True(a1.Message.FirstExposure);
        Assert.False(a2.Message.FirstExposure);
        Assert.Equal(a1.Message.AssignedAt, a2.Message.AssignedAt);
        Assert.Equal(new ExperimentCatalog(AnalyticsFixture.Experiments(("shop-layout", [("control", 50), ("grid", 50)]))).Assign("shop-layout", player), a1.Message.Variant);
        var exposures = await fx.Store.AggregateAsync(new AnalyticsAggregate(Measurements.ExperimentExposure, AggregateFunction.Count, Measurements.PlayerField, TestBus.Start, TestBus.Start.AddHours(1), TimeSpan.FromHours(1), new Dictionary<string, string> { ["variant"] = a1.Message.Variant }));
        Assert.Equal(1d, Assert.Single(exposures).Value);
    }

    [Theory]
    [InlineData("no-such-experiment")]
    [InlineData("Bad Id!")]
    public async Task An_unknown_or_malformed_experiment_is_not_found(string id)
    {
        await using var fx = await AnalyticsFixture.StartAsync();

        var response = await fx.Harness.GetRequestClient<GetExperimentAssignment>().GetResponse<ExperimentAssignment, ExperimentNotFound>(new GetExperimentAssignment(Guid.NewGuid(), id, null));

        Assert.True(response.Is(out Response<ExperimentNotFound>? _));
    }

    [Fact]
    public void Variants_get_players_in_proportion_to_their_weights()
    {
        var catalog = new ExperimentCatalog(AnalyticsFixture.Experiments(("pricing", [("a", 70), ("b", 20), ("c", 10)])));

        var counts = Enumerable.Range(0, 20_000).Select(i => catalog.Assign("pricing", new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8))).CountBy(v => v).ToDictionary();

        Assert.InRange(counts["a"] / 20_000d, 0.68, 0.72);
        Assert.InRange(counts["b"] / 20_000d, 0.18, 0.22);
        Assert.InRange(counts["c"] / 20_000d, 0.08, 0.12);
    }

    [Fact]
    public void The_assignment_depends_on_the_experiment_too()
    {
        var catalog = new ExperimentCatalog(AnalyticsFixture.Experiments(("one", [("a", 1), ("b", 1)]), ("two", [("a", 1), ("b", 1)])));
        var players = Enumerable.Range(0, 200).Select(i => new Guid(i, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)).ToList();

        var same = players.Count(p => catalog.Assign("one", p) == catalog.Assign("two", p));

        Assert.InRange(same, 60, 140);
    }

    [Fact]
    public async Task An_assignment_stays_when_the_weights_change_later()
    {
        var folder = TestServers.NewDataFolder();
        var documents = new Storage.Sqlite.SqliteDocumentStore(Path.Combine(folder, "documents.db"));
        var store = new SqliteAnalyticsStore(Path.Combine(folder, "analytics.db"));
        var clock = new ManualClock(TestBus.Start);
        var players = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        var before = new ExperimentService(new ExperimentCatalog(AnalyticsFixture.Experiments(("x", [("a", 50), ("b", 50)]))), documents, store, clock);
        var after = new ExperimentService(new ExperimentCatalog(AnalyticsFixture.Experiments(("x", [("a", 1), ("b", 99)]))), documents, store, clock);

        var first = new List<string>();
        foreach (var p in players)
        {
            first.Add(((ExperimentAssignment)await before.GetAssignmentAsync(new GetExperimentAssignment(p, "x", null), default)).Variant);
        }

        var later = new List<string>();
        foreach (var p in players)
        {
            later.Add(((ExperimentAssignment)await after.GetAssignmentAsync(new GetExperimentAssignment(p, "x", null), default)).Variant);
        }

        Assert.Contains("a", first);
        Assert.Equal(first, later);
    }

    [Fact]
    public void Wrong_experiment_settings_are_named()
    {
        var options = AnalyticsFixture.Experiments(("Bad Id", [("a", 1)]), ("ok", [("b", 0)]), ("empty", []));

        var errors = AnalyticsOptionsValidator.Validate(options);

        Assert.Contains(errors, e => e.StartsWith("Analytics:Experiments:Bad Id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Analytics:Experiments:ok:Variants:b", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Analytics:Experiments:empty:Variants", StringComparison.Ordinal));
        Assert.Empty(AnalyticsOptionsValidator.Validate(AnalyticsFixture.Experiments(("shop-layout", [("control", 1), ("grid", 3)]))));
    }
}
