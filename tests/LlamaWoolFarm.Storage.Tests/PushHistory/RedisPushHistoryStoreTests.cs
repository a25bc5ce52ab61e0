using LlamaWoolFarm.Storage.PushHistory;

namespace LlamaWoolFarm.Storage.Tests.PushHistory;

/// <summary>The contract on the real Redis server; every test has its own key prefix, deleted with it.</summary>
public sealed class RedisPushHistoryStoreTests : PushHistoryStoreContract, IDisposable
{
    protected override IPushHistoryStore CreateStore() => new RedisPushHistoryStore(RedisServer.Connection, Options, Clock);

    // Another adapter over its own connection, as a second realtime replica has.
    protected override IPushHistoryStore OtherReplica(IPushHistoryStore store) => new RedisPushHistoryStore(RedisServer.OtherConnection, Options, Clock);

    protected override IPushHistoryStore Lose(IPushHistoryStore store)
    {
        DeleteKeys();
        return store;
    }

    public void Dispose() => DeleteKeys();

    private void DeleteKeys()
    {
        var server = RedisServer.Connection.GetServers()[0];
        var keys = server.Keys(pattern: Options.KeyPrefix + ":*").ToArray();
        RedisServer.Connection.GetDatabase().KeyDelete(keys);
    }
}
