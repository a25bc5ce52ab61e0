using LlamaWoolFarm.Storage.Tokens;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Tokens;

/// <summary>The contract on a fresh SQLite file; reopening is a new adapter on the same file, as after a restart.</summary>
public sealed class SqliteRefreshTokenStoreTests : RefreshTokenStoreContract
{
    private readonly string _path = Path.Combine(TestServers.NewDataFolder(), "sessions.db");

    protected override IRefreshTokenStore CreateStore() => new SqliteRefreshTokenStore(_path, Clock);

    protected override IRefreshTokenStore Reopen(IRefreshTokenStore store) => new SqliteRefreshTokenStore(_path, Clock);
}
