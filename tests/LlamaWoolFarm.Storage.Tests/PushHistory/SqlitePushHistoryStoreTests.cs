using LlamaWoolFarm.Storage.PushHistory;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.PushHistory;

/// <summary>The contract on a fresh SQLite file; another replica is another adapter on the same file.</summary>
public sealed class SqlitePushHistoryStoreTests : PushHistoryStoreContract, IDisposable
{
    private readonly List<SqlitePushHistoryStore> _stores = [];
    private string _path = NewPath();

    protected override IPushHistoryStore CreateStore() => Open();

    protected override IPushHistoryStore OtherReplica(IPushHistoryStore store) => Open();

    // A new, empty file: what a Standalone whose data folder was wiped opens.
    protected override IPushHistoryStore Lose(IPushHistoryStore store)
    {
        _path = NewPath();
        return Open();
    }

    [Fact]
    public async Task Histories_idle_past_retention_are_swept_from_the_file()
    {
        IPushHistoryStore store = Open();
        var idle = Guid.NewGuid();
        var idleLast = await store.AppendAsync(idle, new PushRecord("commandCompleted", "idle", Clock.Now, "{}"));
        Clock.Advance(Retention + TimeSpan.FromMinutes(1));
        var active = Guid.NewGuid();
        for (var i = 0; i < SqlitePushHistoryStore.SweepEvery; i++)
        {
            await store.AppendAsync(active, new PushRecord("commandCompleted", "active-" + i, Clock.Now, "{}"));
        }

        // The idle player's counter went with its history: its next series starts at the clock, above the old one.
        var replay = await store.ReadAfterAsync(idle, idleLast);
        Assert.True(replay.Resync);
        Assert.Equal(Clock.Now.ToUnixTimeMilliseconds(), replay.Seq);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    private static string NewPath() => Path.Combine(TestServers.NewDataFolder(), "push-history.db");

    private SqlitePushHistoryStore Open()
    {
        var store = new SqlitePushHistoryStore(_path, Options, Clock);
        _stores.Add(store);
        return store;
    }
}
