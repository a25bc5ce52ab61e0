using LlamaWoolFarm.Storage.Tokens;

namespace LlamaWoolFarm.Storage.Tests.Tokens;

/// <summary>The contract on the real Redis server; record expiry is checked against the test's clock.</summary>
public sealed class RedisRefreshTokenStoreTests : RefreshTokenStoreContract
{
    protected override IRefreshTokenStore CreateStore() => new RedisRefreshTokenStore(RedisServer.Connection, Clock);

    protected override IRefreshTokenStore Reopen(IRefreshTokenStore store) => new RedisRefreshTokenStore(RedisServer.OtherConnection, Clock);
}
