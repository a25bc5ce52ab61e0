using System.Collections.Concurrent;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// The write statements of one collection's table, made once: the writer compiles a statement per distinct text, and
/// a collection's own writes and an atomic batch's writes to it share those compiled statements.
/// </summary>
internal sealed class SqliteStatements
{
    private static readonly ConcurrentDictionary<string, SqliteStatements> Tables = new(StringComparer.Ordinal);

    private SqliteStatements(string collection)
    {
        var table = Table(collection);
        // A taken id (or unique field) changes no row instead of raising an error: the exception cost more than
        // the statement, and the saves module inserts an already-present activity mark on most uploads.
        Insert = $"INSERT INTO {table} (id, version, body) VALUES ($id, 1, $body) ON CONFLICT DO NOTHING";
        // The version test and the write are one statement, so two writers from the same version cannot both win.
        Replace = $"UPDATE {table} SET version = version + 1, body = $body WHERE id = $id AND version = $expected";
        Delete = $"DELETE FROM {table} WHERE id = $id";
    }

    public string Insert { get; }

    public string Replace { get; }

    public string Delete { get; }

    /// <summary>The statements of <paramref name="collection"/>'s table (by collection name, not table name).</summary>
    public static SqliteStatements For(string collection) => Tables.GetOrAdd(collection, c => new SqliteStatements(c));

    /// <summary>The table that holds a collection.</summary>
    public static string Table(string collection) => "doc_" + collection;
}
