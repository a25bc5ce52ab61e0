using System.Text.Json;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>The game worker's part of exporting and purging a deleted player's data.</summary>
public sealed class PlayerDataTests
{
    [Fact]
    public async Task The_game_part_exports_the_stored_state_and_commands_then_purges_them_and_only_them()
    {
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<GameDataService>());
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        await game.SeedAsync(player, s => s.TotalPrestiges = 3);
        await game.SeedAsync(other, _ => { });
        var commands = game.Provider.GetRequiredService<IDocumentStore>().Collection<CommandRecord>("commands", new DocumentIndex("playerId"));
        var commandId = Guid.NewGuid();
        await commands.InsertAsync(commandId.ToString("N"), new CommandRecord { CommandId = commandId, PlayerId = player, ActionType = "click", Status = "completed", CompletedAt = game.Clock.Now });

        var export = (await game.Harness.GetRequestClient<ExportPlayerData>().GetResponse<PlayerDataExport>(new ExportPlayerData(player, PlayerDataParts.Game))).Message;
        using (var json = JsonDocument.Parse(export.Json))
        {
            Assert.Equal(player, json.RootElement.GetProperty("state").GetProperty("playerId").GetGuid());
            Assert.Equal(3, json.RootElement.GetProperty("state").GetProperty("state").GetProperty("totalPrestiges").GetInt64());
            Assert.Equal(commandId, json.RootElement.GetProperty("commands")[0].GetProperty("commandId").GetGuid());
        }

        var deletion = Guid.NewGuid();
        await game.Harness.Bus.Publish(new PurgePlayerData(player, deletion, PlayerDataParts.Saves, 1));
        await game.Harness.Bus.Publish(new PurgePlayerData(player, deletion, PlayerDataParts.Game, 1));

        Assert.True(await game.Harness.Published.Any<PlayerDataPurged>(m => m.Context.Message.PlayerId == player));
        await game.Harness.InactivityTask;
        var purged = Assert.Single(game.Harness.Published.Select<PlayerDataPurged>().ToList()).Context.Message;
        Assert.Equal((PlayerDataParts.Game, deletion, 2L), (purged.Part, purged.DeletionId, purged.Removed));
        var states = game.Provider.GetRequiredService<IDocumentStore>().Collection<GameStateDocument>("game_states");
        Assert.Null(await states.GetAsync(player.ToString("N")));
        Assert.NotNull(await states.GetAsync(other.ToString("N")));
        Assert.Empty(await commands.FindAsync("playerId", player.ToString(), 10));
    }
}
