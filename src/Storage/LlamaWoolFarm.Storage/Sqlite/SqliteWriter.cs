using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// The one connection a process writes a SQLite file on, with each statement it runs compiled once.
/// Only the holder of the file's write turn may use it.
/// </summary>
/// <remarks>
/// Two costs of the write path sit here. In WAL mode a connection drops its whole page cache whenever another
/// connection has written, so a writer taken from the pool started every batch cold and read each b-tree and
/// overflow page from the file again; a long-lived writer is the only connection of this process that writes, so its
/// cache stays warm. And Microsoft.Data.Sqlite compiles a command's text on every execution unless the same command
/// object is reused: a save upload ran some fifteen statements (savepoints included) through the parser for a
/// handful of rows. The writer is not pooled, so disposing it really closes it and rolls back whatever it had open.
/// </remarks>
public sealed class SqliteWriter
{
    // Statement texts come from code (one per table and operation), so the cache stays small; the bound is a guard.
    private const int MaxStatements = 512;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    internal SqliteWriter(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>True while a transaction is open on the writer.</summary>
    public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0;

    /// <summary>
    /// The compiled statement for <paramref name="sql"/> with no parameters bound; it is the same object on the next
    /// call with the same text, so bind, run and read it before asking for that text again, and do not dispose it.
    /// </summary>
    public SqliteCommand Statement(string sql)
    {
        if (_statements.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        if (_statements.Count < MaxStatements)
        {
            _statements.Add(sql, command);
        }

        return command;
    }

    public int Execute(string sql) => Statement(sql).ExecuteNonQuery();

    /// <summary>Closes the connection (rolling back whatever it had open) and its statements.</summary>
    internal void Close()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }
}
