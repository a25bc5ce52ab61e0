using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Analytics;

/// <summary>The analytics contract on the embedded SQLite table, a fresh file per test.</summary>
public sealed class SqliteAnalyticsStoreTests : AnalyticsStoreContract
{
    private readonly string _path = Path.Combine(TestServers.NewDataFolder(), "analytics.db");
    private readonly SqliteAnalyticsStore _store;

    public SqliteAnalyticsStoreTests() => _store = new SqliteAnalyticsStore(_path);

    protected override IAnalyticsStore Store => _store;

    protected override IAnalyticsStore OpenReader() => new SqliteAnalyticsStore(_path);

    [Fact]
    public async Task Points_survive_reopening_the_file()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "analytics.db");
        new SqliteAnalyticsStore(path).Write([Action("p1", Day)]);

        var reopened = new SqliteAnalyticsStore(path);

        Assert.Equal(["p1"], await reopened.DistinctAsync("game_action", "player_id", Day, Day.AddDays(1)));
        Assert.Equal(0, reopened.Stats.Dropped);
    }
}
