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
        // Bodies are bound as the UTF-8 bytes the serializer wrote (a blob) and stored as the text they are: a string
        // bound instead would be written as UTF-16 first and converted back to UTF-8 by the binding, twice the work and
        // three copies of every document. The column stays TEXT, so json_extract and the index expressions read it.
        Insert = $"INSERT INTO {table} (id, version, body) VALUES ($id, 1, CAST($body AS TEXT)) ON CONFLICT DO NOTHING";
        // The version test and the write are one statement, so two writers from the same version cannot both win.
        Replace = $"UPDATE {table} SET version = version + 1, body = CAST($body AS TEXT) WHERE id = $id AND version = $expected";
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
