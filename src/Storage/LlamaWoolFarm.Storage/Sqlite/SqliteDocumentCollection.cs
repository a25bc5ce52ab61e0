using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

internal sealed class SqliteDocumentCollection<T> : IDocumentCollection<T>
    where T : class
{
    // SQLITE_CONSTRAINT: a primary-key or unique-index collision.
    private const int SqliteConstraint = 19;

    private readonly SqliteDocumentStore _store;
    private readonly string _table;
    private readonly SqliteStatements _statements;
    private readonly HashSet<string> _indexedFields;

    public SqliteDocumentCollection(SqliteDocumentStore store, string name, IReadOnlyCollection<DocumentIndex> indexes)
    {
        _store = store;
        Name = name;
        _table = SqliteStatements.Table(name);
        _statements = SqliteStatements.For(name);
        _indexedFields = new HashSet<string>(indexes.Select(i => i.Field), StringComparer.Ordinal);
        CreateSchema(indexes);
    }

    public string Name { get; }

    public async Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.File.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, version, body FROM {_table} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(document, DocumentJson.Options);
        return await WriteAsync(
            _statements.Insert,
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$body", body);
            },
            cancellationToken) is 1;
    }

    public async Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(document, DocumentJson.Options);
        return await WriteAsync(
            _statements.Replace,
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$expected", expectedVersion);
                p.AddWithValue("$body", body);
            },
            cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        await WriteAsync(_statements.Delete, p => p.AddWithValue("$id", id), cancellationToken) == 1;

    public async Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default)
    {
        if (!_indexedFields.Contains(field))
        {
            // Unindexed queries would scan the table; every query the services make is declared up front.
            throw new ArgumentException($"Field '{field}' is not an index of collection '{Name}'.", nameof(field));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _store.File.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, version, body FROM {_table} WHERE json_extract(body, '$.{field}') = $value ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$limit", limit);
        var results = new List<Stored<T>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(Read(reader));
        }

        return results;
    }

    public async Task<IReadOnlyList<Stored<T>>> ListAsync(string afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(afterId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _store.File.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A keyset page on the primary key: each page is an index range, however far into the collection it starts.
        command.CommandText = $"SELECT id, version, body FROM {_table} WHERE id > $after ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        var results = new List<Stored<T>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(Read(reader));
        }

        return results;
    }

    /// <summary>
    /// One statement through the file's group commit: the rows it changed, or null when it broke a primary-key or
    /// unique-index constraint (the statement then changed nothing).
    /// </summary>
    private Task<int?> WriteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        _store.File.WriteAsync<int?>(
            writer =>
            {
                var command = writer.Statement(sql);
                bind(command.Parameters);
                try
                {
                    return command.ExecuteNonQuery();
                }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
                {
                    return null;
                }
            },
            cancellationToken);

    private static Stored<T> Read(SqliteDataReader reader) =>
        // The body's UTF-8 bytes as stored, read by the serializer as they are (no UTF-16 string in between).
        new(reader.GetString(0), reader.GetInt64(1), JsonSerializer.Deserialize<T>(reader.GetFieldValue<byte[]>(2), DocumentJson.Options)
            ?? throw new InvalidDataException("A stored document is null."));

    private void CreateSchema(IReadOnlyCollection<DocumentIndex> indexes)
    {
        foreach (var index in indexes)
        {
            if (!SqliteDocumentStore.CollectionName().IsMatch(index.Field.ToLowerInvariant()))
            {
                throw new ArgumentException($"Index field '{index.Field}' is not a plain field name.", nameof(indexes));
            }
        }

        using var turn = _store.File.WaitToWrite();
        using var connection = _store.File.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var sql = new System.Text.StringBuilder();
        // A rowid table keeps a document of up to about 4 KB inside its leaf page; the id is a unique index beside it.
        sql.Append($"CREATE TABLE IF NOT EXISTS {_table} (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);");
        foreach (var index in indexes)
        {
            var unique = index.Unique ? "UNIQUE " : string.Empty;
            sql.Append($"CREATE {unique}INDEX IF NOT EXISTS ix_{_table}_{index.Field} ON {_table} (json_extract(body, '$.{index.Field}'));");
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.ToString();
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
