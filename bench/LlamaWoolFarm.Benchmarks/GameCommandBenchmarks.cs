using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Workers.Game.Services;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>
/// The game worker's write path as the standalone process runs it, without the bus: one click command applied to a
/// stored state on SQLite (WAL) — deduplication, load, rules, versioned write, command record. Players take turns,
/// as under load, and the clock moves a second per command so no click batch is refused.
/// </summary>
[MemoryDiagnoser]
public class GameCommandBenchmarks
{
    private const int Players = 1_000;
    private const int Concurrency = 32;

    private readonly SteppingClock _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private GameCommandService _service = null!;
    private string _folder = null!;
    private Guid[] _players = [];
    private int _next;

    /// <summary>States the worker keeps in memory (<c>Game:HotStates</c>): 0 reads and deserializes every state, as before.</summary>
    [Params(0, HotGameStates.DefaultCapacity)]
    public int HotStates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "lwf-bench-" + Guid.NewGuid().ToString("N"));
        var store = new SqliteDocumentStore(Path.Combine(_folder, "documents.db"));
        _service = new GameCommandService(store, _clock, new RunningEventEffects(store), hot: new HotGameStates(HotStates));
        _players = [.. Enumerable.Range(0, Players).Select(_ => Guid.NewGuid())];
        // Every player has a state and a full list of recent commands before measuring, as in a running game.
        for (var round = 0; round < CommandWindow.MarksKept; round++)
        {
            foreach (var player in _players)
            {
                Click(player).GetAwaiter().GetResult();
            }
        }
    }

    [Benchmark(Description = "click command (SQLite, 1,000 players)")]
    public Task<CommandOutcome> ClickCommand() => Click(_players[_next++ % Players]);

    /// <summary>
    /// Commands of <see cref="Concurrency"/> players at once, as the worker's consumers run them (its concurrent
    /// message limit is 32): their writes share SQLite transactions.
    /// </summary>
    [Benchmark(Description = "click commands, 32 players at once (SQLite, 1,000 players)", OperationsPerInvoke = Concurrency)]
    public Task ClickCommandsConcurrently()
    {
        _clock.Step();
        var commands = new Task[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            var player = _players[_next++ % Players];
            commands[i] = Task.Run(() => _service.SubmitClicksAsync(new SubmitClicks(Guid.NewGuid(), player, 5, null, _clock.GetUtcNow()), CancellationToken.None));
        }

        return Task.WhenAll(commands);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<CommandOutcome> Click(Guid player)
    {
        _clock.Step();
        return _service.SubmitClicksAsync(new SubmitClicks(Guid.NewGuid(), player, 5, null, _clock.GetUtcNow()), CancellationToken.None);
    }
}
