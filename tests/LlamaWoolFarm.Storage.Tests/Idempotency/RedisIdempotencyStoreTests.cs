using LlamaWoolFarm.Storage.Idempotency;

namespace LlamaWoolFarm.Storage.Tests.Idempotency;

/// <summary>
/// The contract on the real Redis server, whose own key expiry times claims and responses: the expiry tests wait
/// out lifetimes of a few hundred milliseconds on the real clock.
/// </summary>
public sealed class RedisIdempotencyStoreTests : IdempotencyStoreContract
{
    private const string Prefix = "lwf-test:idem:";

    protected override IIdempotencyStore CreateStore() => new RedisIdempotencyStore(RedisServer.Connection, Prefix);

    protected override IIdempotencyStore OtherReplica(IIdempotencyStore store) => new RedisIdempotencyStore(RedisServer.OtherConnection, Prefix);

    protected override Task ElapseAsync(TimeSpan by) => Task.Delay(by);
}
