using System.Text.Json;
using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Workers.Analytics.Tests;

/// <summary>
/// The analytics module's part of exporting and purging a player's data, on the SQLite table and on the real
/// InfluxDB (a fresh database, dropped afterwards): the purge is <c>DROP SERIES WHERE player=…</c> there.
/// </summary>
public sealed class PlayerDataTests
{
    private static readonly Uri Influx = new(Environment.GetEnvironmentVariable("LWF_TEST_INFLUX") ?? "http://127.0.0.1:8086/");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_analytics_part_counts_the_players_points_then_purges_them_and_only_them(bool influx)
    {
        var database = "lwf_test_" + Guid.NewGuid().ToString("N");
        IAnalyticsStore store = influx
            ? new InfluxAnalyticsStore(new InfluxOptions { BaseAddress = Influx, Database = database, RetryAttempts = 1, UnavailablePause = TimeSpan.FromMilliseconds(50) })
            : new SqliteAnalyticsStore(Path.Combine(TestServers.NewDataFolder(), "analytics.db"));
        try
        {
            await using var fx = await AnalyticsFixture.StartAsync(store: store);
            var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
            var now = fx.Clock.Now;
            foreach (var who in new[] { player, other })
            {
                await fx.Recorder.RecordClientEventsAsync(new RecordClientEvents(Guid.NewGuid(), who, "r", [new("session_start", now.AddMinutes(-1), "s", null)], now), default);
            }

            await fx.Harness.GetRequestClient<GetExperimentAssignment>().GetResponse<ExperimentAssignment>(new GetExperimentAssignment(player, "shop-layout", "r"));
            await store.FlushAsync();

            using (var before = await ExportAsync(fx, player))
            {
                Assert.Equal(1, before.RootElement.GetProperty("pointCounts").GetProperty("client_event").GetInt64());
                Assert.Equal(1, before.RootElement.GetProperty("pointCounts").GetProperty("player_first_seen").GetInt64());
                Assert.Equal(1, before.RootElement.GetProperty("pointCounts").GetProperty("experiment_exposure").GetInt64());
                Assert.True(before.RootElement.GetProperty("experiments").TryGetProperty("shop-layout", out _));
            }

            await fx.Harness.Bus.Publish(new PurgePlayerData(player, Guid.NewGuid(), PlayerDataParts.Analytics, 1));

            // The purge deletes from InfluxDB, which can outlast the harness's 1.2 s inactivity window on a loaded machine.
            Assert.True(await fx.Harness.PublishedWithinAsync<PlayerDataPurged>(m => m.PlayerId == player && m.Part == PlayerDataParts.Analytics));
            using (var after = await ExportAsync(fx, player))
            {
                Assert.All(after.RootElement.GetProperty("pointCounts").EnumerateObject(), c => Assert.Equal(0, c.Value.GetInt64()));
                Assert.Empty(after.RootElement.GetProperty("experiments").EnumerateObject());
                Assert.Equal(JsonValueKind.Null, after.RootElement.GetProperty("firstSeen").ValueKind);
            }

            using var others = await ExportAsync(fx, other);
            Assert.Equal(1, others.RootElement.GetProperty("pointCounts").GetProperty("client_event").GetInt64());
        }
        finally
        {
            if (store is InfluxAnalyticsStore server)
            {
                await server.DisposeAsync();
                using var http = new HttpClient { BaseAddress = Influx };
                using var dropped = await http.PostAsync(new Uri($"query?q={Uri.EscapeDataString($"DROP DATABASE \"{database}\"")}", UriKind.Relative), null);
            }
        }
    }

    private static async Task<JsonDocument> ExportAsync(AnalyticsFixture fx, Guid player)
    {
        var export = await fx.Harness.GetRequestClient<ExportPlayerData>().GetResponse<PlayerDataExport>(new ExportPlayerData(player, PlayerDataParts.Analytics));
        return JsonDocument.Parse(export.Message.Json);
    }
}
