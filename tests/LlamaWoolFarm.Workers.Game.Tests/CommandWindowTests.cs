using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// The deduplication window of the state document: a command is applied once however late it is redelivered, and a
/// new command costs no read of the <c>commands</c> collection.
/// </summary>
public sealed class CommandWindowTests
{
    [Fact]
    public async Task A_command_redelivered_after_its_full_outcome_left_the_document_is_replayed_from_the_commands_collection()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var first = Click(game, player);
        var original = await game.Service.SubmitClicksAsync(first, CancellationToken.None);
        for (var i = 0; i < CommandWindow.OutcomesKept + 2; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var before = await game.StateAsync(player);
        var replay = await game.Service.SubmitClicksAsync(first, CancellationToken.None);

        Assert.True(replay.Replayed);
        Assert.Equal(original.Record.Changes, replay.Record.Changes);
        Assert.Equal(before.Revision, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task A_command_redelivered_after_it_left_the_window_is_found_by_its_issue_time_and_applied_once()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var first = Click(game, player);
        await game.Service.SubmitClicksAsync(first, CancellationToken.None);
        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var document = await StoredAsync(game, player);
        Assert.DoesNotContain(document.RecentCommandMarks, m => m.CommandId == first.CommandId);
        Assert.True(document.ForgottenBefore >= first.IssuedAt);

        var replay = await game.Service.SubmitClicksAsync(first, CancellationToken.None);

        Assert.True(replay.Replayed);
        Assert.Equal(document.State.Revision, (await StoredAsync(game, player)).State.Revision);
    }

    [Fact]
    public async Task A_new_command_issued_after_everything_the_window_forgot_is_applied_without_reading_the_commands_collection()
    {
        var store = new CountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IDocumentStore>(store));
        var player = Guid.NewGuid();
        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var reads = store.CommandReads;
        var outcome = await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);

        Assert.False(outcome.Replayed);
        Assert.Equal(reads, store.CommandReads);
        // A command without an issue time cannot be placed against the window, so it is looked up.
        await game.Service.SubmitClicksAsync(new SubmitClicks(Guid.NewGuid(), player, 1, null), CancellationToken.None);
        Assert.Equal(reads + 1, store.CommandReads);
    }

    [Fact]
    public async Task A_document_written_before_the_window_existed_keeps_its_commands_applied_once_and_is_upgraded()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var state = PlayerState.CreateNew(player.ToString("N"), game.Clock.Now);
        state.LastClickAt = game.Clock.Now.AddSeconds(-5);
        var old = Enumerable.Range(0, 64)
            .Select(i => new CommandRecord
            {
                CommandId = Guid.NewGuid(), PlayerId = player, ActionType = ActionTypes.Click, Quantity = 1,
                Status = "completed", CompletedAt = game.Clock.Now.AddMinutes(-64 + i),
            })
            .ToList();
        var states = game.Provider.GetRequiredService<IDocumentStore>().Collection<GameStateDocument>("game_states");
        Assert.True(await states.InsertAsync(player.ToString("N"), new GameStateDocument { PlayerId = player, State = state, RecentCommands = old }));

        var replay = await game.Service.SubmitClicksAsync(new SubmitClicks(old[3].CommandId, player, 1, null, game.Clock.Now.AddMinutes(-61)), CancellationToken.None);
        Assert.True(replay.Replayed);

        await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        var upgraded = await StoredAsync(game, player);
        Assert.Equal(old[0].CompletedAt, upgraded.ForgottenBefore);
        Assert.Contains(upgraded.RecentCommandMarks, m => m.CommandId == old[3].CommandId);
        Assert.Equal(CommandWindow.OutcomesKept, upgraded.RecentCommands.Count);
        Assert.True(
            (await game.Service.SubmitClicksAsync(new SubmitClicks(old[3].CommandId, player, 1, null, game.Clock.Now.AddMinutes(-61)), CancellationToken.None)).Replayed);
    }

    private static SubmitClicks Click(GameWorkerFixture game, Guid player)
    {
        game.Clock.Advance(TimeSpan.FromSeconds(1));
        return new SubmitClicks(Guid.NewGuid(), player, 1, null, game.Clock.Now);
    }

    private static async Task<GameStateDocument> StoredAsync(GameWorkerFixture game, Guid player) =>
        (await game.Provider.GetRequiredService<IDocumentStore>().Collection<GameStateDocument>("game_states").GetAsync(player.ToString("N")))!.Document;

    /// <summary>Counts reads of the <c>commands</c> collection.</summary>
    private sealed class CountingStore(IDocumentStore inner) : IDocumentStore
    {
        private int _commandReads;

        public int CommandReads => Volatile.Read(ref _commandReads);

        public IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
            where T : class
        {
            var collection = inner.Collection<T>(name, indexes);
            return name == "commands" ? new Counting<T>(collection, this) : collection;
        }

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

        private sealed class Counting<T>(IDocumentCollection<T> inner, CountingStore owner) : IDocumentCollection<T>
            where T : class
        {
            public string Name => inner.Name;

            public Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref owner._commandReads);
                return inner.GetAsync(id, cancellationToken);
            }

            public Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default) => inner.InsertAsync(id, document, cancellationToken);

            public Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default) =>
                inner.ReplaceAsync(id, document, expectedVersion, cancellationToken);

            public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

            public Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default) =>
                inner.FindAsync(field, value, limit, cancellationToken);
        }
    }
}
