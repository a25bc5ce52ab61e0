using LlamaWoolFarm.Storage.Tokens;

namespace LlamaWoolFarm.Storage.Tests.Tokens;

public sealed class InProcessRefreshTokenStoreTests : RefreshTokenStoreContract
{
    protected override IRefreshTokenStore CreateStore() => new InProcessRefreshTokenStore(Clock);
}
