using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Storage.PushHistory;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>
/// What Standalone's realtime relay costs the push history per applied command: the command's two pushes
/// (<c>gameStateChanged</c> with a state of a few KB, then <c>commandCompleted</c>) numbered and kept in
/// <c>push-history.db</c>, for many players at once so the appends share group commits, as under load.
/// </summary>
[MemoryDiagnoser]
public class PushHistoryBenchmarks
{
    private const int Players = 1_000;
    private const int InFlight = 256;

    private static readonly string State = "{\"playerId\":\"" + Guid.NewGuid() + "\",\"woolCounts\":{" +
        string.Join(',', Enumerable.Range(0, 8).Select(i => $"\"wool{i}\":\"1234567.891{i}\"")) + "},\"buildings\":{" +
        string.Join(',', Enumerable.Range(0, 12).Select(i => $"\"building{i}\":{i * 3}")) + "},\"nextBuildingPrices\":{" +
        string.Join(',', Enumerable.Range(0, 12).Select(i => $"\"building{i}\":\"98765.4321{i}\"")) + "}}";

    private const string Completed = "{\"commandId\":\"00000000-0000-0000-0000-000000000000\",\"actionType\":\"click\",\"quantity\":5,\"changes\":{\"basic\":\"5\"}}";

    // Shorter than the default 200, so the setup fills every history quickly; each append trims all the same.
    private static readonly PushHistoryOptions Options = new() { Length = 20 };

    private SqlitePushHistoryStore _store = null!;
    private string _folder = null!;
    private Guid[] _players = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "lwf-bench-" + Guid.NewGuid().ToString("N"));
        _store = new SqlitePushHistoryStore(Path.Combine(_folder, "push-history.db"), Options, TimeProvider.System);
        _players = [.. Enumerable.Range(0, Players).Select(_ => Guid.NewGuid())];
        // Every player's history is full before measuring, so each append also trims, as in a running game.
        for (var round = 0; round < Options.Length / 2; round++)
        {
            Task.WaitAll([.. _players.Select(AppendAsync)]);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One applied command's pushes, <see cref="InFlight"/> commands of different players at once.</summary>
    [Benchmark(Description = "an applied command's two pushes kept (SQLite, 256 at once)", OperationsPerInvoke = InFlight)]
    public Task AppliedCommandPushes()
    {
        var appends = new Task[InFlight];
        for (var i = 0; i < InFlight; i++)
        {
            appends[i] = AppendAsync(_players[_next++ % Players]);
        }

        return Task.WhenAll(appends);
    }

    private Task AppendAsync(Guid player)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        return _store.AppendAsync(player, [new PushRecord("gameStateChanged", id + "-gameStateChanged", now, State), new PushRecord("commandCompleted", id + "-commandCompleted", now, Completed)]);
    }
}
