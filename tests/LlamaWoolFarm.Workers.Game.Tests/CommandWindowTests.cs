using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// The deduplication window of the state document and the <c>commands</c> collection behind it: a command id is
/// applied once, however late and with whatever issue time it comes again.
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
    public async Task A_command_re_sent_with_a_fresh_issue_time_after_it_left_the_window_is_replayed_not_applied()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var first = Click(game, player);
        var original = await game.Service.SubmitClicksAsync(first, CancellationToken.None);
        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var document = await StoredAsync(game, player);
        Assert.DoesNotContain(document.RecentCommandMarks, m => m.CommandId == first.CommandId);
        var before = await game.StateAsync(player);

        // A re-POST after a restart: the gateway stamps the same command id with a new issue time.
        var replay = await game.Service.SubmitClicksAsync(first with { IssuedAt = game.Clock.Now }, CancellationToken.None);

        var after = await game.StateAsync(player);
        Assert.True(replay.Replayed);
        Assert.Equal(original.Record.CompletedAt, replay.Record.CompletedAt);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.WoolCounts, after.WoolCounts);
        Assert.Equal(CommandWindow.MarksKept + 4, after.Revision);
    }

    [Fact]
    public async Task A_crash_between_the_state_write_and_the_record_insert_never_lets_the_command_apply_again()
    {
        var store = new CountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IDocumentStore>(store));
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        var crashed = Click(game, player);
        store.FailInsertOf = crashed.CommandId.ToString("N");

        // The state write lands, the record insert does not: what a kill -9 between the two leaves behind.
        await Assert.ThrowsAsync<IOException>(() => game.Service.SubmitClicksAsync(crashed, CancellationToken.None));
        store.FailInsertOf = null;
        var firstRun = (await StoredAsync(game, player)).RecentCommands.Single(r => r.CommandId == crashed.CommandId);
        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var before = await game.StateAsync(player);
        var replay = await game.Service.SubmitClicksAsync(crashed with { IssuedAt = game.Clock.Now }, CancellationToken.None);
        var status = await game.Service.GetCommandStatusAsync(new GetCommandStatus(crashed.CommandId, player), CancellationToken.None);

        Assert.True(replay.Replayed);
        Assert.Equal(before.Revision, (await game.StateAsync(player)).Revision);
        Assert.Equal(CommandWindow.MarksKept + 5, before.Revision);
        Assert.Equal(CommandStatuses.Completed, status.Status);
        Assert.Equal(firstRun.Changes, status.Changes);
        Assert.Equal(firstRun.CompletedAt, status.CompletedAt);
    }

    [Fact]
    public async Task A_new_command_costs_one_read_of_the_commands_collection_and_no_more_when_the_worker_recorded_the_leaving_outcome()
    {
        var store = new CountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IDocumentStore>(store));
        var player = Guid.NewGuid();

        var reads = store.CommandReads;
        await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        Assert.Equal(reads + 1, store.CommandReads);

        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        // The outcome leaving the document was inserted by this worker (its kept state says so): only the new id is read.
        reads = store.CommandReads;
        var outcome = await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);

        Assert.False(outcome.Replayed);
        Assert.Equal(reads + 1, store.CommandReads);
    }

    [Fact]
    public async Task A_worker_that_did_not_record_the_leaving_outcome_itself_reads_once_more_to_make_sure()
    {
        var store = new CountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        // No kept states: every command reads its state, as a freshly started worker or a second one does.
        await using var game = await GameWorkerFixture.StartAsync(s =>
        {
            s.AddSingleton<IDocumentStore>(store);
            s.AddSingleton(new HotGameStates(capacity: 0));
        });
        var player = Guid.NewGuid();

        var reads = store.CommandReads;
        await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        Assert.Equal(reads + 1, store.CommandReads);

        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        reads = store.CommandReads;
        var outcome = await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);

        Assert.False(outcome.Replayed);
        Assert.Equal(reads + 2, store.CommandReads);
    }

    [Fact]
    public async Task With_atomic_writes_a_new_command_reads_no_record_and_makes_one_write_even_after_a_cold_start()
    {
        var store = new AtomicCountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        // No kept states: the leaving outcomes are not known to be recorded, as after a restart.
        await using var game = await GameWorkerFixture.StartAsync(s =>
        {
            s.AddSingleton<IDocumentStore>(store);
            s.AddSingleton(new HotGameStates(capacity: 0));
        });
        var player = Guid.NewGuid();
        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var (reads, writes) = (store.CommandReads, store.AtomicWrites);
        var outcome = await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);

        Assert.False(outcome.Replayed);
        Assert.Equal(reads, store.CommandReads);
        Assert.Equal(writes + 1, store.AtomicWrites);
        Assert.Equal(CommandWindow.MarksKept + 4, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task With_atomic_writes_a_command_re_sent_after_it_left_the_window_finds_its_record_taken_and_is_replayed()
    {
        var store = new AtomicCountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IDocumentStore>(store));
        var player = Guid.NewGuid();
        var first = Click(game, player);
        var original = await game.Service.SubmitClicksAsync(first, CancellationToken.None);
        for (var i = 0; i < CommandWindow.MarksKept + 3; i++)
        {
            await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        }

        var before = await game.StateAsync(player);
        var (reads, writes) = (store.CommandReads, store.AtomicWrites);
        var replay = await game.Service.SubmitClicksAsync(first with { IssuedAt = game.Clock.Now }, CancellationToken.None);

        // One write tried (its record insert failed, so it wrote nothing), then the read that finds the outcome.
        Assert.True(replay.Replayed);
        Assert.Equal(original.Record.CompletedAt, replay.Record.CompletedAt);
        Assert.Equal(writes + 1, store.AtomicWrites);
        Assert.Equal(reads + 1, store.CommandReads);
        var after = await game.StateAsync(player);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.WoolCounts, after.WoolCounts);

        // The kept state was not left holding the refused write: the next command applies on the stored document.
        var next = await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        Assert.False(next.Replayed);
        Assert.Equal(before.Revision + 1, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task With_atomic_writes_a_state_changed_by_another_writer_is_applied_on_the_stored_state_with_its_record()
    {
        var store = new AtomicCountingStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IDocumentStore>(store));
        // A second game worker process on the same store: its own service, its own kept states.
        var other = new GameCommandService(store, game.Clock, game.Provider.GetRequiredService<IActiveEffectsProvider>());
        var player = Guid.NewGuid();
        await game.Service.SubmitClicksAsync(Click(game, player), CancellationToken.None);
        await other.SubmitClicksAsync(Click(game, player), CancellationToken.None);

        // The first worker's kept state is one version behind: its write fails as a whole, record included, and the
        // command is applied again on the stored state.
        var writes = store.AtomicWrites;
        var command = Click(game, player);
        var outcome = await game.Service.SubmitClicksAsync(command, CancellationToken.None);

        Assert.False(outcome.Replayed);
        Assert.Equal(writes + 2, store.AtomicWrites);
        Assert.Equal(3, (await game.StateAsync(player)).Revision);
        var status = await game.Service.GetCommandStatusAsync(new GetCommandStatus(command.CommandId, player), CancellationToken.None);
        Assert.Equal(CommandStatuses.Completed, status.Status);
    }

    private static SubmitClicks Click(GameWorkerFixture game, Guid player)
    {
        game.Clock.Advance(TimeSpan.FromSeconds(1));
        return new SubmitClicks(Guid.NewGuid(), player, 1, null, game.Clock.Now);
    }

    private static async Task<GameStateDocument> StoredAsync(GameWorkerFixture game, Guid player) =>
        (await game.Provider.GetRequiredService<IDocumentStore>().Collection<GameStateDocument>("game_states").GetAsync(player.ToString("N")))!.Document;

    /// <summary>A <see cref="CountingStore"/> that also writes atomically through the SQLite store, counting the batches.</summary>
    private sealed class AtomicCountingStore(SqliteDocumentStore inner) : CountingStore(inner), IAtomicDocumentWrites
    {
        private int _atomicWrites;

        public int AtomicWrites => Volatile.Read(ref _atomicWrites);

        public Task<int> WriteAllAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _atomicWrites);
            return inner.WriteAllAsync(writes, cancellationToken);
        }
    }

    /// <summary>Counts reads of the <c>commands</c> collection, and fails the insert of one record when asked.</summary>
    private class CountingStore(IDocumentStore inner) : IDocumentStore
    {
        private int _commandReads;

        public int CommandReads => Volatile.Read(ref _commandReads);

        public string? FailInsertOf { get; set; }

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

            public Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default) =>
                id == owner.FailInsertOf ? throw new IOException("The process died before the record was written.") : inner.InsertAsync(id, document, cancellationToken);

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
