using LlamaWoolFarm.Storage.Presence;

namespace LlamaWoolFarm.Storage.Tests.Presence;

/// <summary>
/// The contract on the real Redis server; lease ends are scored by the test's clock, and every test has its own
/// key prefix, so sweeps of other tests or processes sharing the server never take its players.
/// </summary>
public sealed class RedisPresenceStoreTests : PresenceStoreContract, IDisposable
{
    private readonly string _prefix = "lwf-test:presence:" + Guid.NewGuid().ToString("N");

    protected override IPresenceStore CreateStore() => new RedisPresenceStore(RedisServer.Connection, Clock, _prefix);

    // Another adapter over its own connection, as a second realtime replica has.
    protected override IPresenceStore OtherReplica(IPresenceStore store) => new RedisPresenceStore(RedisServer.OtherConnection, Clock, _prefix);

    // The per-player keys expire with their leases; the index is the test's own and goes with it.
    public void Dispose() => RedisServer.Connection.GetDatabase().KeyDelete(_prefix);
}
