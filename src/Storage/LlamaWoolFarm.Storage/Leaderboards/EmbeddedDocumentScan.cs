using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// Reads every document body of one collection of the embedded SQLite document store, in id order and in pages, so
/// the in-process boards can be rebuilt at start. The document port has no scan (it serves keyed and indexed reads
/// only); this reader knows the SQLite adapter's table layout (table <c>doc_{collection}</c> with <c>id</c>, <c>version</c>, <c>body</c>).
/// </summary>
public sealed class EmbeddedDocumentScan(string databasePath)
{
    private const int PageSize = 1000;

    /// <summary>The JSON bodies of the collection; nothing when the file or the collection does not exist yet.</summary>
    public async IAsyncEnumerable<string> ReadAllAsync(string collection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(databasePath))
        {
            yield break;
        }

        // The SQLite adapter names the table of collection c "doc_c".
        var table = "doc_" + LeaderboardBoards.Check(collection).Replace(':', '_');
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            exists.Parameters.AddWithValue("$name", table);
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                yield break;
            }
        }

        var after = string.Empty;
        while (true)
        {
            var count = 0;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, body FROM {table} WHERE id > $after ORDER BY id LIMIT {PageSize}";
            command.Parameters.AddWithValue("$after", after);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                count++;
                after = reader.GetString(0);
                yield return reader.GetString(1);
            }

            if (count < PageSize)
            {
                yield break;
            }
        }
    }
}
