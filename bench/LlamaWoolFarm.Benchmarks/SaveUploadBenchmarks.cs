using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Workers.Game.Services;
using LlamaWoolFarm.Workers.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>
/// A save upload as the standalone process handles it, without the bus: parse, checksum, migrate, validate a
/// late-game save against the stored state (read from the game worker's service), then persist on SQLite (the game
/// worker's state replace, revision, head, activity mark). Every invocation is a different player's first upload, so each one really writes.
/// </summary>
[MemoryDiagnoser]
public class SaveUploadBenchmarks
{
    private const int Players = 2_048;
    private const int Concurrency = 32;

    private readonly FixedClock _clock = new(LateGame.Now);
    private SaveSyncService _sync = null!;
    private SaveRepository _repository = null!;
    private SaveStateService _game = null!;
    private string _folder = null!;
    private string _save = null!;
    private string _checksum = null!;
    private Guid[] _players = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "lwf-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var store = new SqliteDocumentStore(Path.Combine(_folder, "documents.db"));
        var options = new SavesOptions();
        _repository = new SaveRepository(store);
        // The game worker's side of save sync, called in process (the bus between the two workers is not measured here).
        _game = new SaveStateService(store, _clock);
        var gameStates = new Workers.Host.InProcessGameStates(_game);
        _sync = new SaveSyncService(_repository, gameStates, new BackupService(_repository, gameStates, options, _clock, NullLogger<BackupService>.Instance), new SaveEventWindows(store), options, _clock);

        var played = LateGame.Create();
        GameEngine.V1.Materialize(played, LateGame.Now, EffectsTimeline.Empty);
        GameEngine.V1.ClaimOfflineProgress(played, LateGame.Now, EffectsTimeline.Empty);
        foreach (var building in GameEngine.V1.Catalog.Buildings)
        {
            GameEngine.V1.PurchaseBuilding(played, building.Id, 10, LateGame.Now, EffectsTimeline.Empty);
        }

        var save = SaveConversion.ToSave(played);
        save.PlayerId = null;
        var node = SaveJson.ToNode(save);
        _save = node.ToJsonString();
        _checksum = SaveChecksum.Compute(node);
    }

    [IterationSetup(Targets = [nameof(Upload), nameof(UploadConcurrently)])]
    public void SeedPlayers()
    {
        _players = [.. Enumerable.Range(0, Players).Select(_ => Guid.NewGuid())];
        _next = 0;
        foreach (var player in _players)
        {
            var state = LateGame.Create();
            state.PlayerId = SaveRepository.Key(player);
            var created = _game.GetAsync(new GetGameStateForSave(player, Create: true), CancellationToken.None).GetAwaiter().GetResult();
            _game.ReplaceAsync(new ReplaceGameStateFromSave(Guid.Empty, player, created.Version, PlayerStateJson.Serialize(state), 0), CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "upload late-game save (validate + persist, SQLite)")]
    [InvocationCount(Players)]
    public async Task<SaveAccepted> Upload()
    {
        var player = _players[_next++];
        var result = await _sync.UploadAsync(new UploadSave(Guid.NewGuid(), player, null, 0, _save, _checksum, null), CancellationToken.None);
        return result.Accepted ?? throw new InvalidOperationException("The benchmark save must be accepted: " + result.Rejected?.Code);
    }

    /// <summary>
    /// Uploads of <see cref="Concurrency"/> players at once, as the saves worker's consumers run them (its concurrent
    /// message limit is 32): their writes share SQLite transactions.
    /// </summary>
    [Benchmark(Description = "32 uploads at once (validate + persist, SQLite)", OperationsPerInvoke = Concurrency)]
    [InvocationCount(Players / Concurrency)]
    public Task UploadConcurrently()
    {
        var uploads = new Task[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            var player = _players[_next++];
            uploads[i] = Task.Run(() => _sync.UploadAsync(new UploadSave(Guid.NewGuid(), player, null, 0, _save, _checksum, null), CancellationToken.None));
        }

        return Task.WhenAll(uploads);
    }

    /// <summary>Players who have uploaded once already: their revision 1 is written before measuring.</summary>
    [IterationSetup(Target = nameof(UploadNextConcurrently))]
    public void SeedPlayersWithOneUpload()
    {
        SeedPlayers();
        foreach (var player in _players)
        {
            _sync.UploadAsync(new UploadSave(Guid.NewGuid(), player, null, 0, _save, _checksum, null), CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The common upload: an autosave on top of the player's last revision (no base state to keep, as only a
    /// player's first revision holds one), <see cref="Concurrency"/> players at once.
    /// </summary>
    [Benchmark(Description = "32 later uploads at once (revision 2, validate + persist, SQLite)", OperationsPerInvoke = Concurrency)]
    [InvocationCount(Players / Concurrency)]
    public async Task UploadNextConcurrently()
    {
        var uploads = new Task<UploadResult>[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            var player = _players[_next++];
            uploads[i] = Task.Run(() => _sync.UploadAsync(new UploadSave(Guid.NewGuid(), player, null, 1, _save, _checksum, null), CancellationToken.None));
        }

        foreach (var result in await Task.WhenAll(uploads))
        {
            _ = result.Accepted ?? throw new InvalidOperationException("The benchmark save must be accepted: " + result.Rejected?.Code);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
