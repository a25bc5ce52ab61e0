using LlamaWoolFarm.Storage.Presence;

namespace LlamaWoolFarm.Storage.Tests.Presence;

/// <summary>The contract on the real Redis server; lease ends are scored by the test's clock.</summary>
public sealed class RedisPresenceStoreTests : PresenceStoreContract
{
    protected override IPresenceStore CreateStore() => new RedisPresenceStore(RedisServer.Connection, Clock);
}
