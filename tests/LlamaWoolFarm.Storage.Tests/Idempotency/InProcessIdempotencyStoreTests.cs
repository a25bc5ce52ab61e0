using LlamaWoolFarm.Storage.Idempotency;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Idempotency;

public sealed class InProcessIdempotencyStoreTests : IdempotencyStoreContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override IIdempotencyStore CreateStore() => new InProcessIdempotencyStore(_clock);

    protected override IIdempotencyStore OtherReplica(IIdempotencyStore store) => store;

    protected override Task ElapseAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }
}
