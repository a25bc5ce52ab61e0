using LlamaWoolFarm.Storage.Sqlite;

namespace LlamaWoolFarm.Storage.Operations;

/// <summary>
/// Operational switches in an embedded SQLite file (Standalone), so a maintenance window or a flag override survives
/// a restart.
/// </summary>
public sealed class SqliteOperationsStateStore : IOperationsStateStore
{
    private readonly SqliteFile _file;

    public SqliteOperationsStateStore(string databasePath)
    {
        _file = new SqliteFile(databasePath);
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS operations_state (
                section TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (section, name)) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(string section, CancellationToken cancellationToken = default)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM operations_state WHERE section = $section";
        command.Parameters.AddWithValue("$section", section);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries[reader.GetString(0)] = reader.GetString(1);
        }

        return entries;
    }

    public async Task SetAsync(string section, string name, string value, CancellationToken cancellationToken = default)
    {
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO operations_state (section, name, value) VALUES ($section, $name, $value)
            ON CONFLICT (section, name) DO UPDATE SET value = excluded.value;
            """;
        command.Parameters.AddWithValue("$section", section);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string section, string name, CancellationToken cancellationToken = default)
    {
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM operations_state WHERE section = $section AND name = $name";
        command.Parameters.AddWithValue("$section", section);
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
