using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;

namespace LlamaWoolFarm.Storage.Tokens;

/// <summary>
/// Refresh tokens in an embedded SQLite file (Standalone), so sessions survive a restart: a row per token hash
/// (family, record as JSON, used flag, expiry) and a row per revoked family. Use-once runs in an immediate
/// transaction, so concurrent uses of one token see one winner even across processes sharing the file.
/// Every write goes through the file's group commit (<see cref="SqliteFile.WriteAsync{T}"/>): sign-ins arriving
/// together share one transaction on the long-lived writer with its compiled statements, and each is answered after
/// the commit that holds its row, so a token handed out survives a crash of the process.
/// </summary>
public sealed class SqliteRefreshTokenStore : IRefreshTokenStore, IDisposable
{
    private const long SweepEveryMilliseconds = 60_000;

    // A revoked family outlives every token of the family (30-day refresh lifetime plus margin).
    private static readonly TimeSpan FamilyMarkerLifetime = TimeSpan.FromDays(31);

    private readonly SqliteFile _file;
    private readonly TimeProvider _clock;

    // Read and written only by the holder of the file's write turn.
    private long _nextSweep;

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
        var json = JsonSerializer.Serialize(record, DocumentJson.Options);
        await _file.WriteAsync(
            writer =>
            {
                var now = Now();
                SweepIfDue(writer, now);
                var command = writer.Statement("""
                    INSERT INTO refresh_tokens (hash, family, record, used, expires_at) VALUES ($hash, $family, $record, 0, $expires)
                    ON CONFLICT (hash) DO UPDATE SET family = excluded.family, record = excluded.record, used = 0, expires_at = excluded.expires_at
                    """);
                command.Parameters.AddWithValue("$hash", tokenHash);
                command.Parameters.AddWithValue("$family", record.FamilyId);
                command.Parameters.AddWithValue("$record", json);
                command.Parameters.AddWithValue("$expires", record.ExpiresAt.ToUnixTimeMilliseconds());
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task<RefreshTokenUse> UseAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        // One write of the group commit: the writer holds the file's write lock from the read to the update, so two
        // uses (of this process or another sharing the file) cannot both read 'unused'.
        var (outcome, record) = await _file.WriteAsync<(RefreshTokenOutcome, string?)>(
            writer =>
            {
                var now = Now();
                var token = Find(writer, tokenHash, now);
                if (token is null)
                {
                    return (RefreshTokenOutcome.NotFound, null);
                }

                var (family, json, used) = token.Value;
                if (IsRevoked(writer, family, now))
                {
                    return (RefreshTokenOutcome.Revoked, null);
                }

                if (used)
                {
                    var revoke = writer.Statement("INSERT OR REPLACE INTO refresh_token_revoked_families (family, until) VALUES ($family, $until)");
                    revoke.Parameters.AddWithValue("$family", family);
                    revoke.Parameters.AddWithValue("$until", now + (long)FamilyMarkerLifetime.TotalMilliseconds);
                    revoke.ExecuteNonQuery();
                    return (RefreshTokenOutcome.Reused, null);
                }

                var use = writer.Statement("UPDATE refresh_tokens SET used = 1 WHERE hash = $hash");
                use.Parameters.AddWithValue("$hash", tokenHash);
                use.ExecuteNonQuery();
                return (RefreshTokenOutcome.Valid, json);
            },
            cancellationToken);
        return new RefreshTokenUse(outcome, record is null ? null : JsonSerializer.Deserialize<RefreshTokenRecord>(record, DocumentJson.Options));
    }

    public async Task<bool> RevokeFamilyOfAsync(string tokenHash, Guid playerId, CancellationToken cancellationToken = default) =>
        await _file.WriteAsync(
            writer =>
            {
                var now = Now();
                var command = writer.Statement("""
                    INSERT OR REPLACE INTO refresh_token_revoked_families (family, until)
                    SELECT family, $until FROM refresh_tokens WHERE hash = $hash AND expires_at > $now AND json_extract(record, '$.playerId') = $player
                    """);
                command.Parameters.AddWithValue("$hash", tokenHash);
                // The record's JSON writes a Guid in this form (lower-case, with hyphens).
                command.Parameters.AddWithValue("$player", playerId.ToString("D"));
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$until", now + (long)FamilyMarkerLifetime.TotalMilliseconds);
                return command.ExecuteNonQuery();
            },
            cancellationToken) == 1;

    public Task<int> RevokePlayerAsync(Guid playerId, DateTimeOffset? startedBefore = null, CancellationToken cancellationToken = default) =>
        _file.WriteAsync(
            writer =>
            {
                var now = Now();
                // A scan of the live tokens: password changes are rare, and the table holds only unexpired rows. The
                // start test is SessionFamilies.StartedBefore in SQL (fixed-width hex compares as its number).
                var command = writer.Statement("""
                    INSERT OR REPLACE INTO refresh_token_revoked_families (family, until)
                    SELECT DISTINCT family, $until FROM refresh_tokens WHERE expires_at > $now AND json_extract(record, '$.playerId') = $player
                      AND ($before IS NULL OR length(family) <> 32 OR substr(family, 13, 1) <> '7' OR substr(family, 1, 12) < $before)
                    """);
                command.Parameters.AddWithValue("$player", playerId.ToString("D"));
                command.Parameters.AddWithValue("$before", startedBefore is { } moment ? SessionFamilies.StartPrefix(moment) : DBNull.Value);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$until", now + (long)FamilyMarkerLifetime.TotalMilliseconds);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>Closes this store's writer of the file.</summary>
    public void Dispose() => _file.Dispose();

    // Expired rows go on writes, so the file follows the live tokens; at most once a minute, since every read checks
    // the expiry itself (two deletes per sign-in were a third of the write's statements).
    private void SweepIfDue(SqliteWriter writer, long now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepEveryMilliseconds;
        var tokens = writer.Statement("DELETE FROM refresh_tokens WHERE expires_at <= $now");
        tokens.Parameters.AddWithValue("$now", now);
        tokens.ExecuteNonQuery();
        var families = writer.Statement("DELETE FROM refresh_token_revoked_families WHERE until <= $now");
        families.Parameters.AddWithValue("$now", now);
        families.ExecuteNonQuery();
    }

    private static (string Family, string Record, bool Used)? Find(SqliteWriter writer, string tokenHash, long now)
    {
        var command = writer.Statement("SELECT family, record, used FROM refresh_tokens WHERE hash = $hash AND expires_at > $now");
        command.Parameters.AddWithValue("$hash", tokenHash);
        command.Parameters.AddWithValue("$now", now);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0) : null;
    }

    private static bool IsRevoked(SqliteWriter writer, string family, long now)
    {
        var command = writer.Statement("SELECT 1 FROM refresh_token_revoked_families WHERE family = $family AND until > $now");
        command.Parameters.AddWithValue("$family", family);
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteScalar() is not null;
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();
}
