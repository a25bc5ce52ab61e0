using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>The game worker's side of save sync: the saves worker reads a state and has it replaced, only through these messages.</summary>
public sealed class SaveStateTests
{
    [Fact]
    public async Task A_read_for_a_save_creates_a_farm_met_through_save_sync_and_a_plain_read_creates_none()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var (player, absent) = (Guid.NewGuid(), Guid.NewGuid());
        var client = game.Harness.GetRequestClient<GetGameStateForSave>();

        var created = (await client.GetResponse<GameStateForSave>(new GetGameStateForSave(player, Create: true))).Message;
        var none = (await client.GetResponse<GameStateForSave>(new GetGameStateForSave(absent, Create: false))).Message;

        Assert.True(created.Exists);
        Assert.Equal((0L, (Guid?)null), (created.SaveRevision, created.SaveCommandId));
        var state = PlayerStateJson.Deserialize(created.State);
        var expected = NewGame.Start(player, game.Clock.Now, Domain.Catalog.GameCatalog.V1, FarmOrigin.SaveSync);
        Assert.Equal(PlayerStateJson.Serialize(expected), PlayerStateJson.Serialize(state));
        Assert.False(none.Exists);
        Assert.Null(await States(game).GetAsync(GameStates.Key(absent)));
        Assert.Equal(created.Version, (await States(game).GetAsync(GameStates.Key(player)))!.Version);
    }

    [Fact]
    public async Task A_save_replace_keeps_the_command_window_and_prestige_mark_applies_once_and_loses_to_a_newer_write()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var commandId = Guid.NewGuid();
        var prestigeIssued = game.Clock.Now.AddHours(-1);
        var record = new CommandRecord { CommandId = commandId, PlayerId = player, ActionType = "click", Status = "completed", CompletedAt = game.Clock.Now };
        await States(game).InsertAsync(GameStates.Key(player), new GameStateDocument
        {
            PlayerId = player,
            State = PlayerState.CreateNew(GameStates.Key(player), game.Clock.Now),
            RecentCommands = [record],
            RecentCommandMarks = [new CommandMark(commandId, game.Clock.Now)],
            ForgottenBefore = DateTimeOffset.MinValue,
            LastPrestigeIssuedAt = prestigeIssued,
        });
        var read = (await game.Harness.GetRequestClient<GetGameStateForSave>().GetResponse<GameStateForSave>(new GetGameStateForSave(player, Create: false))).Message;
        var saved = PlayerStateJson.Deserialize(read.State);
        saved.WoolCounts["basic"] = BigNumber.FromDouble(5);
        var replace = new ReplaceGameStateFromSave(Guid.NewGuid(), player, read.Version, PlayerStateJson.Serialize(saved), 1);
        var client = game.Harness.GetRequestClient<ReplaceGameStateFromSave>();

        var first = await client.GetResponse<GameStateReplaced, GameStateReplaceRefused>(replace);
        var repeated = await client.GetResponse<GameStateReplaced, GameStateReplaceRefused>(replace);
        var stale = await client.GetResponse<GameStateReplaced, GameStateReplaceRefused>(replace with { CommandId = Guid.NewGuid(), SaveRevision = 2 });

        Assert.True(first.Is(out Response<GameStateReplaced>? replaced));
        Assert.True(repeated.Is(out Response<GameStateReplaced>? again));
        Assert.Equal(replaced!.Message, again!.Message);
        Assert.True(stale.Is(out Response<GameStateReplaceRefused>? refused));
        var stored = (await States(game).GetAsync(GameStates.Key(player)))!;
        Assert.Equal(stored.Version, refused!.Message.CurrentVersion);
        Assert.Equal(read.Version + 1, stored.Version);
        Assert.Equal(commandId, Assert.Single(stored.Document.RecentCommands).CommandId);
        Assert.Equal(commandId, Assert.Single(stored.Document.RecentCommandMarks).CommandId);
        Assert.Equal(DateTimeOffset.MinValue, stored.Document.ForgottenBefore);
        Assert.Equal(prestigeIssued, stored.Document.LastPrestigeIssuedAt);
        Assert.Equal("5", stored.Document.State.GetWool("basic").ToString());
        Assert.Equal(PlayerStateJson.Deserialize(read.State).Revision + 1, stored.Document.State.Revision);
        Assert.Equal(stored.Document.State.Revision, replaced.Message.Revision);
        Assert.Equal((1L, (Guid?)replace.CommandId), (stored.Document.SaveRevision, stored.Document.SaveCommandId));

        // And the other way round: a command of the game worker keeps the save marks.
        game.Clock.Advance(TimeSpan.FromSeconds(5));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 10, null));
        var afterGame = (await States(game).GetAsync(GameStates.Key(player)))!.Document;
        Assert.Equal(stored.Document.State.Revision + 1, afterGame.State.Revision);
        Assert.Equal((1L, (Guid?)replace.CommandId), (afterGame.SaveRevision, afterGame.SaveCommandId));
    }

    [Fact]
    public async Task Every_stored_states_scores_are_answered_page_by_page_as_after_a_command()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var players = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        for (var i = 0; i < players.Length; i++)
        {
            var wool = Math.Pow(10, i + 3);
            await game.SeedAsync(players[i], s =>
            {
                s.LifetimeWoolProduced = BigNumber.FromDouble(wool);
                s.Buildings["barn"] = i + 1;
                s.Revision = 7;
            });
        }

        var client = game.Harness.GetRequestClient<GetGameScores>();
        var scores = new List<ScoresChanged>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = (await client.GetResponse<GameScoresPage>(new GetGameScores(after, 2))).Message;
            Assert.True(page.Scores.Count <= 2);
            scores.AddRange(page.Scores);
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(2, pages);
        Assert.Equal(players.Order(), scores.Select(s => s.PlayerId).Order());
        var stored = (await States(game).GetAsync(GameStates.Key(players[2])))!.Document.State;
        var expected = GameViews.Scores(Domain.Rules.GameEngine.V1, stored, stored.LastActiveAt, Domain.Rules.ActiveEffects.None);
        Assert.Equal(expected, scores.Single(s => s.PlayerId == players[2]));
        Assert.Equal(("100000", 7L), (expected.TotalWool, expected.Revision));
        Assert.NotEqual("0", expected.WoolPerSecond);
    }

    private static IDocumentCollection<GameStateDocument> States(GameWorkerFixture game) =>
        GameStates.States(game.Provider.GetRequiredService<IDocumentStore>());
}
