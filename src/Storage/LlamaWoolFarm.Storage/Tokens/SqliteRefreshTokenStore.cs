using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Tokens;

/// <summary>
/// Refresh tokens in an embedded SQLite file (Standalone), so sessions survive a restart: a row per token hash
/// (family, record as JSON, used flag, expiry) and a row per revoked family. Use-once runs in an immediate
/// transaction, so concurrent uses of one token see one winner even across processes sharing the file.
/// </summary>
public sealed class SqliteRefreshTokenStore : IRefreshTokenStore
{
    // A revoked family outlives every token of the family (30-day refresh lifetime plus margin).
    private static readonly TimeSpan FamilyMarkerLifetime = TimeSpan.FromDays(31);

    private readonly SqliteFile _file;
    private readonly TimeProvider _clock;

    public SqliteRefreshTokenStore(string databasePath, TimeProvider clock)
    {
        _file = new SqliteFile(databasePath);
        _clock = clock;

        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS refresh_tokens (
                hash TEXT PRIMARY KEY,
                family TEXT NOT NULL,
                record TEXT NOT NULL,
                used INTEGER NOT NULL DEFAULT 0,
                expires_at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS refresh_tokens_by_expiry ON refresh_tokens (expires_at);
            CREATE TABLE IF NOT EXISTS refresh_token_revoked_families (
                family TEXT PRIMARY KEY,
                until INTEGER NOT NULL) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    public async Task StoreAsync(string tokenHash, RefreshTokenRecord record, CancellationToken cancellationToken = default)
    {
        var now = Now();
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Expired rows go on writes, so the file follows the live tokens.
        command.CommandText = """
            DELETE FROM refresh_tokens WHERE expires_at <= $now;
            DELETE FROM refresh_token_revoked_families WHERE until <= $now;
            INSERT INTO refresh_tokens (hash, family, record, used, expires_at) VALUES ($hash, $family, $record, 0, $expires)
            ON CONFLICT (hash) DO UPDATE SET family = excluded.family, record = excluded.record, used = 0, expires_at = excluded.expires_at;
            """;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$hash", tokenHash);
        command.Parameters.AddWithValue("$family", record.FamilyId);
        command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(record, DocumentJson.Options));
        command.Parameters.AddWithValue("$expires", record.ExpiresAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RefreshTokenUse> UseAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await using var connection = await _file.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: the write lock is taken before the read, so two uses cannot both read 'unused'.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var token = await FindAsync(connection, tokenHash, cancellationToken);
        if (token is null)
        {
            return new RefreshTokenUse(RefreshTokenOutcome.NotFound, null);
        }

        var (family, record, used) = token.Value;
        if (await IsRevokedAsync(connection, family, cancellationToken))
        {
            return new RefreshTokenUse(RefreshTokenOutcome.Revoked, null);
        }

        await using var command = connection.CreateCommand();
        if (used)
        {
            command.CommandText = "INSERT OR REPLACE INTO refresh_token_revoked_families (family, until) VALUES ($family, $until)";
            command.Parameters.AddWithValue("$family", family);
            command.Parameters.AddWithValue("$until", Now() + (long)FamilyMarkerLifetime.TotalMilliseconds);
        }
        else
        {
            command.CommandText = "UPDATE refresh_tokens SET used = 1 WHERE hash = $hash";
            command.Parameters.AddWithValue("$hash", tokenHash);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return used
            ? new RefreshTokenUse(RefreshTokenOutcome.Reused, null)
            : new RefreshTokenUse(RefreshTokenOutcome.Valid, JsonSerializer.Deserialize<RefreshTokenRecord>(record, DocumentJson.Options));
    }

    public async Task<bool> RevokeFamilyOfAsync(string tokenHash, Guid playerId, CancellationToken cancellationToken = default)
    {
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO refresh_token_revoked_families (family, until)
            SELECT family, $until FROM refresh_tokens WHERE hash = $hash AND expires_at > $now AND json_extract(record, '$.playerId') = $player
            """;
        command.Parameters.AddWithValue("$hash", tokenHash);
        // The record's JSON writes a Guid in this form (lower-case, with hyphens).
        command.Parameters.AddWithValue("$player", playerId.ToString("D"));
        command.Parameters.AddWithValue("$now", Now());
        command.Parameters.AddWithValue("$until", Now() + (long)FamilyMarkerLifetime.TotalMilliseconds);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> RevokePlayerAsync(Guid playerId, CancellationToken cancellationToken = default)
    {
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A scan of the live tokens: password changes are rare, and the table holds only unexpired rows.
        command.CommandText = """
            INSERT OR REPLACE INTO refresh_token_revoked_families (family, until)
            SELECT DISTINCT family, $until FROM refresh_tokens WHERE expires_at > $now AND json_extract(record, '$.playerId') = $player
            """;
        command.Parameters.AddWithValue("$player", playerId.ToString("D"));
        command.Parameters.AddWithValue("$now", Now());
        command.Parameters.AddWithValue("$until", Now() + (long)FamilyMarkerLifetime.TotalMilliseconds);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(string Family, string Record, bool Used)?> FindAsync(SqliteConnection connection, string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT family, record, used FROM refresh_tokens WHERE hash = $hash AND expires_at > $now";
        command.Parameters.AddWithValue("$hash", tokenHash);
        command.Parameters.AddWithValue("$now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0) : null;
    }

    private async Task<bool> IsRevokedAsync(SqliteConnection connection, string family, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM refresh_token_revoked_families WHERE family = $family AND until > $now";
        command.Parameters.AddWithValue("$family", family);
        command.Parameters.AddWithValue("$now", Now());
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();
}
