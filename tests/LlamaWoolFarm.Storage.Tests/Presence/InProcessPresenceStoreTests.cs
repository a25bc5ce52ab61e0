using LlamaWoolFarm.Storage.Presence;

namespace LlamaWoolFarm.Storage.Tests.Presence;

public sealed class InProcessPresenceStoreTests : PresenceStoreContract
{
    protected override IPresenceStore CreateStore() => new InProcessPresenceStore(Clock);
}
