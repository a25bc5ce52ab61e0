using LlamaWoolFarm.Storage.Presence;

namespace LlamaWoolFarm.Storage.Tests.Presence;

public sealed class InProcessPresenceStoreTests : PresenceStoreContract
{
    protected override IPresenceStore CreateStore() => new InProcessPresenceStore(Clock);

    // One process holds all of its connections: its replica is itself.
    protected override IPresenceStore OtherReplica(IPresenceStore store) => store;
}
