using System.Text.Json;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests;

/// <summary>The leaderboards module's part of exporting and purging a player's data.</summary>
public sealed class PlayerDataTests
{
    [Fact]
    public async Task The_leaderboards_part_exports_the_ranks_then_purges_every_board_entry_and_archived_row()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 1, "900", f.Clock.Now), LeaderboardsFixture.Scores(other, 1, "100", f.Clock.Now));
        var season = Seasons.Of(LeaderboardCategories.Monthly, f.Clock.Now);
        // Next month the January season is archived with the player in its standings.
        f.Clock.Advance(TimeSpan.FromDays(40));
        await f.Service.CloseSeasonsAsync(f.Clock.Now, default);
        var store = f.Provider.GetRequiredService<ILeaderboardStore>();
        var monthly = Seasons.Board(LeaderboardCategories.TotalWool, LeaderboardCategories.Monthly, season);
        Assert.NotNull(await store.GetEntryAsync(monthly, player));

        var export = (await f.Harness.GetRequestClient<ExportPlayerData>().GetResponse<PlayerDataExport>(new ExportPlayerData(player, PlayerDataParts.Leaderboards))).Message;
        using (var json = JsonDocument.Parse(export.Json))
        {
            var allTime = json.RootElement.GetProperty("ranks").EnumerateArray()
                .Single(r => r.GetProperty("category").GetString() == LeaderboardCategories.TotalWool && r.GetProperty("period").GetString() == LeaderboardCategories.AllTime);
            Assert.Equal(1, allTime.GetProperty("rank").GetInt64());
        }

        await f.Harness.Bus.Publish(new PurgePlayerData(player, Guid.NewGuid(), PlayerDataParts.Leaderboards, 1));

        Assert.True(await f.Harness.Published.Any<PlayerDataPurged>(m => m.Context.Message.PlayerId == player));
        foreach (var category in LeaderboardCategories.All)
        {
            Assert.Null(await store.GetEntryAsync(category, player));
        }

        Assert.Null(await store.GetEntryAsync(monthly, player));
        Assert.Equal(1, (await store.GetEntryAsync(LeaderboardCategories.TotalWool, other))!.Rank);
        var archive = await f.Provider.GetRequiredService<IDocumentStore>().Collection<SeasonArchive>("leaderboard_seasons").GetAsync($"{LeaderboardCategories.Monthly}:{season}");
        var standings = archive!.Document.Standings[LeaderboardCategories.TotalWool];
        Assert.DoesNotContain(standings, e => e.PlayerId == player);
        Assert.Contains(standings, e => e.PlayerId == other);
    }
}
