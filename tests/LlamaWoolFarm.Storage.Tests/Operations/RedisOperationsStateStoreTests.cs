using LlamaWoolFarm.Storage.Operations;

namespace LlamaWoolFarm.Storage.Tests.Operations;

/// <summary>The contract on the real Redis server, each test under a prefix of its own.</summary>
public sealed class RedisOperationsStateStoreTests : OperationsStateStoreContract
{
    private readonly string _prefix = "lwf-test:ops:" + Guid.NewGuid().ToString("N");

    protected override IOperationsStateStore CreateStore() => new RedisOperationsStateStore(RedisServer.Connection, _prefix);

    protected override IOperationsStateStore OtherInstance(IOperationsStateStore store) => new RedisOperationsStateStore(RedisServer.OtherConnection, _prefix);
}
