using LlamaWoolFarm.Storage.Tokens;
using LlamaWoolFarm.Testing;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Tests.Tokens;

/// <summary>The contract on a fresh SQLite file; reopening is a new adapter on the same file, as after a restart.</summary>
public sealed class SqliteRefreshTokenStoreTests : RefreshTokenStoreContract
{
    private readonly string _path = Path.Combine(TestServers.NewDataFolder(), "sessions.db");

    protected override IRefreshTokenStore CreateStore() => new SqliteRefreshTokenStore(_path, Clock);

    protected override IRefreshTokenStore Reopen(IRefreshTokenStore store) => new SqliteRefreshTokenStore(_path, Clock);

    [Fact]
    public async Task Sign_ins_stored_together_are_each_in_the_file_when_answered()
    {
        // Writes arriving together share group-commit transactions; each caller is answered only after its commit.
        using var store = new SqliteRefreshTokenStore(_path, Clock);
        var tokens = Enumerable.Range(0, 200).Select(_ => (Hash: Guid.NewGuid().ToString("N"), Record: NewRecord())).ToList();

        await Task.WhenAll(tokens.Select(t => Task.Run(() => store.StoreAsync(t.Hash, t.Record))));

        using var reopened = new SqliteRefreshTokenStore(_path, Clock);
        foreach (var (hash, record) in tokens)
        {
            var use = await reopened.UseAsync(hash);
            Assert.Equal(RefreshTokenOutcome.Valid, use.Outcome);
            Assert.Equal(record.PlayerId, use.Record!.PlayerId);
        }
    }

    [Fact]
    public async Task Two_stores_on_one_file_racing_on_a_token_have_one_winner()
    {
        // As two processes sharing sessions.db: each has its own writer connection.
        using var first = new SqliteRefreshTokenStore(_path, Clock);
        using var second = new SqliteRefreshTokenStore(_path, Clock);
        var hash = Guid.NewGuid().ToString("N");
        await first.StoreAsync(hash, NewRecord());

        var uses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).UseAsync(hash))));

        Assert.Single(uses, u => u.Outcome == RefreshTokenOutcome.Valid);
        Assert.Equal(15, uses.Count(u => u.Outcome is RefreshTokenOutcome.Reused or RefreshTokenOutcome.Revoked));
    }

    [Fact]
    public async Task Expired_rows_leave_the_file_on_a_write_once_the_sweep_is_due()
    {
        using var store = new SqliteRefreshTokenStore(_path, Clock);
        await store.StoreAsync(Guid.NewGuid().ToString("N"), NewRecord() with { ExpiresAt = Clock.Now.AddSeconds(30) });
        await store.StoreAsync(Guid.NewGuid().ToString("N"), NewRecord());
        Assert.Equal(2, Rows());

        Clock.Advance(TimeSpan.FromSeconds(45));
        await store.StoreAsync(Guid.NewGuid().ToString("N"), NewRecord());
        Assert.Equal(3, Rows()); // the last sweep was under a minute ago: expired rows wait (every read checks the expiry)

        Clock.Advance(TimeSpan.FromSeconds(30));
        await store.StoreAsync(Guid.NewGuid().ToString("N"), NewRecord());
        Assert.Equal(3, Rows());
    }

    private RefreshTokenRecord NewRecord() => new(Guid.NewGuid(), Guid.NewGuid().ToString("N"), ["player"], Clock.Now.AddDays(30));

    private long Rows()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM refresh_tokens";
        return (long)command.ExecuteScalar()!;
    }
}
