using System.Text.Json;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// The states a game worker keeps in memory (<see cref="HotGameStates"/>): a player's next command reads no state,
/// a state changed behind the worker's back is detected by the versioned replace and the command applied on the
/// stored one, and a kept document is always exactly the stored one.
/// </summary>
public sealed class HotGameStatesTests
{
    [Fact]
    public async Task A_players_next_commands_read_no_game_state_and_apply_as_before()
    {
        var store = new ReadCountingStore(NewStore());
        await using var game = await StartAsync(store);
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);

        var reads = store.StateReads;
        for (var i = 0; i < 5; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player, 2), CancellationToken.None);
        }

        Assert.Equal(reads, store.StateReads);
        var stored = (await States(store).GetAsync(GameStates.Key(player)))!;
        // Inserted at version 1, then one replace per command.
        Assert.Equal(7, stored.Version);
        Assert.Equal(6, stored.Document.State.Revision);
        Assert.Equal(6, stored.Document.RecentCommands.Count(r => r.Status == CommandStatuses.Completed));
    }

    [Fact]
    public async Task A_kept_document_is_exactly_the_stored_one_after_applied_refused_and_replayed_commands()
    {
        var store = NewStore();
        var hot = new HotGameStates();
        await using var game = await StartAsync(store, hot);
        var player = Guid.NewGuid();
        var first = Click(game, player, 100);
        await game.Service.SubmitClicksAsync(first, CancellationToken.None);
        // Refused: the first batch spent the whole allowance, and a second refills 20 of these 100. The answer is
        // materialized; the kept document must not be.
        var refused = await game.Service.SubmitClicksAsync(Click(game, player, 100), CancellationToken.None);
        Assert.Equal(CommandStatuses.Rejected, refused.Record.Status);
        game.Clock.Advance(TimeSpan.FromMinutes(3));
        await game.Service.PurchaseBuildingAsync(new PurchaseBuilding(Guid.NewGuid(), player, "barn", 1, null, game.Clock.Now), CancellationToken.None);
        Assert.True((await game.Service.SubmitClicksAsync(first, CancellationToken.None)).Replayed);

        var kept = hot.Take(player)!;
        var stored = (await States(store).GetAsync(GameStates.Key(player)))!;
        Assert.Equal(stored.Version, kept.Stored.Version);
        Assert.Equal(Json(stored.Document), Json(kept.Stored.Document));
    }

    [Fact]
    public async Task A_state_another_worker_changed_is_detected_and_the_command_applied_on_the_stored_state()
    {
        var store = new ReadCountingStore(NewStore());
        await using var game = await StartAsync(store);
        // A second game worker process on the same store: its own service, its own kept states.
        var other = new GameCommandService(store, game.Clock, game.Provider.GetRequiredService<IActiveEffectsProvider>());
        var player = Guid.NewGuid();

        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);
        await other.SubmitClicksAsync(Click(game, player, 4), CancellationToken.None);
        var reads = store.StateReads;
        var third = await game.Service.SubmitClicksAsync(Click(game, player, 5), CancellationToken.None);

        Assert.False(third.Replayed);
        Assert.Equal(reads + 1, store.StateReads);
        var stored = (await States(store).GetAsync(GameStates.Key(player)))!.Document;
        // Nothing lost: the second worker's command is in the state the third one built on.
        Assert.Equal(3, stored.State.Revision);
        Assert.Equal(3, stored.RecentCommands.Count);
        Assert.True(stored.State.GetWool("basic") >= BigNumber.FromDouble(12));
    }

    [Fact]
    public async Task A_save_replace_in_the_process_is_built_on_by_the_next_command()
    {
        var store = NewStore();
        var hot = new HotGameStates();
        await using var game = await StartAsync(store, hot);
        var saves = new SaveStateService(store, game.Clock, hot);
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);
        Assert.Equal(1, hot.Count);

        var read = await saves.GetAsync(new GetGameStateForSave(player, Create: false), CancellationToken.None);
        var saved = PlayerStateJson.Deserialize(read.State);
        saved.WoolCounts["basic"] = BigNumber.FromDouble(500);
        Assert.IsType<GameStateReplaced>(await saves.ReplaceAsync(
            new ReplaceGameStateFromSave(Guid.NewGuid(), player, read.Version, PlayerStateJson.Serialize(saved), 1), CancellationToken.None));
        Assert.Equal(0, hot.Count);
        await game.Service.SubmitClicksAsync(Click(game, player, 2), CancellationToken.None);

        var stored = (await States(store).GetAsync(GameStates.Key(player)))!.Document;
        Assert.True(stored.State.GetWool("basic") >= BigNumber.FromDouble(502));
        Assert.Equal(1, stored.SaveRevision);
    }

    [Fact]
    public async Task A_purged_player_is_forgotten_and_a_later_command_starts_a_new_farm()
    {
        var store = NewStore();
        var hot = new HotGameStates();
        await using var game = await StartAsync(store, hot);
        var data = new GameDataService(store, hot);
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);
        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);

        await data.PurgeAsync(player, CancellationToken.None);
        Assert.Equal(0, hot.Count);
        await game.Service.SubmitClicksAsync(Click(game, player, 1), CancellationToken.None);

        var stored = (await States(store).GetAsync(GameStates.Key(player)))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(1, stored.Document.State.Revision);
        Assert.Single(stored.Document.RecentCommands);
    }

    [Fact]
    public async Task A_zero_capacity_keeps_nothing_and_every_command_reads_its_state()
    {
        var store = new ReadCountingStore(NewStore());
        var hot = new HotGameStates(capacity: 0);
        await using var game = await StartAsync(store, hot);
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player, 1), CancellationToken.None);
        var reads = store.StateReads;

        await game.Service.SubmitClicksAsync(Click(game, player, 1), CancellationToken.None);

        Assert.Equal(0, hot.Count);
        Assert.Equal(reads + 1, store.StateReads);
    }

    [Fact]
    public async Task Over_capacity_the_least_recently_kept_states_are_dropped()
    {
        var hot = new HotGameStates(capacity: 8);
        var players = Enumerable.Range(0, 9).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < players.Count; i++)
        {
            hot.Keep(players[i], new Stored<GameStateDocument>(GameStates.Key(players[i]), i + 1, new GameStateDocument { PlayerId = players[i] }));
        }

        // 9 > 8: trimmed to three quarters, the oldest first.
        Assert.Equal(6, hot.Count);
        Assert.Null(hot.Take(players[0]));
        Assert.NotNull(hot.Take(players[8]));
        // An older version never replaces a newer one kept.
        hot.Keep(players[7], new Stored<GameStateDocument>("x", 100, new GameStateDocument()));
        hot.Keep(players[7], new Stored<GameStateDocument>("x", 99, new GameStateDocument()));
        Assert.Equal(100, hot.Take(players[7])!.Stored.Version);
    }

    [Fact]
    public async Task An_event_reward_granted_by_another_path_on_the_same_worker_is_kept_in_step()
    {
        var store = NewStore();
        var hot = new HotGameStates();
        await using var game = await StartAsync(store, hot);
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);
        await game.Service.GrantEventRewardAsync(new GrantEventReward(Guid.NewGuid(), player, null, Guid.NewGuid(), 1, 7), CancellationToken.None);
        await game.Service.SubmitClicksAsync(Click(game, player, 3), CancellationToken.None);

        var stored = (await States(store).GetAsync(GameStates.Key(player)))!;
        Assert.Equal(4, stored.Version);
        Assert.Equal(7, stored.Document.State.GoldenFleece);
        Assert.Equal(stored.Version, hot.Take(player)!.Stored.Version);
    }

    private static Task<GameWorkerFixture> StartAsync(IDocumentStore store, HotGameStates? hot = null) =>
        GameWorkerFixture.StartAsync(s =>
        {
            s.AddSingleton(store);
            if (hot is not null)
            {
                s.AddSingleton(hot);
            }
        });

    private static SqliteDocumentStore NewStore() => new(Path.Combine(TestServers.NewDataFolder(), "documents.db"));

    private static IDocumentCollection<GameStateDocument> States(IDocumentStore store) => GameStates.States(store);

    private static string Json(GameStateDocument document) => JsonSerializer.Serialize(document, DocumentJson.Options);

    private static SubmitClicks Click(GameWorkerFixture game, Guid player, int quantity)
    {
        game.Clock.Advance(TimeSpan.FromSeconds(1));
        return new SubmitClicks(Guid.NewGuid(), player, quantity, null, game.Clock.Now);
    }

    /// <summary>Counts reads of the <c>game_states</c> collection.</summary>
    private sealed class ReadCountingStore(IDocumentStore inner) : IDocumentStore
    {
        private int _stateReads;

        public int StateReads => Volatile.Read(ref _stateReads);

        public IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
            where T : class
        {
            var collection = inner.Collection<T>(name, indexes);
            return name == GameStates.StatesCollection ? new Counting<T>(collection, this) : collection;
        }

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

        private sealed class Counting<T>(IDocumentCollection<T> inner, ReadCountingStore owner) : IDocumentCollection<T>
            where T : class
        {
            public string Name => inner.Name;

            public Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref owner._stateReads);
                return inner.GetAsync(id, cancellationToken);
            }

            public Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default) => inner.InsertAsync(id, document, cancellationToken);

            public Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default) =>
                inner.ReplaceAsync(id, document, expectedVersion, cancellationToken);

            public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

            public Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default) =>
                inner.FindAsync(field, value, limit, cancellationToken);

            public Task<IReadOnlyList<Stored<T>>> ListAsync(string afterId, int limit, CancellationToken cancellationToken = default) =>
                inner.ListAsync(afterId, limit, cancellationToken);
        }
    }
}
