using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// The embedded document store: one SQLite file in WAL mode, one table per collection
/// (<c>id</c>, <c>version</c>, <c>body</c> as JSON), indexes as expression indexes on <c>json_extract</c>.
/// Several processes may share the file; SQLite serializes their writes.
/// </summary>
public sealed partial class SqliteDocumentStore : IDocumentStore, IAtomicDocumentWrites, IDisposable
{
    // SQLITE_CONSTRAINT: a unique index met by an update (inserts skip conflicts themselves).
    private const int SqliteConstraint = 19;

    // By name and document type: two modules may read one collection through types of their own.
    private readonly ConcurrentDictionary<(string Name, Type Type), object> _collections = new();

    public SqliteDocumentStore(string databasePath)
    {
        File = new SqliteFile(databasePath);
    }

    internal SqliteFile File { get; }

    public IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
        where T : class
    {
        if (!CollectionName().IsMatch(name))
        {
            throw new ArgumentException($"Collection name '{name}' must be lower-case letters, digits and underscores.", nameof(name));
        }

        var collection = _collections.GetOrAdd((name, typeof(T)), key => new SqliteDocumentCollection<T>(this, key.Name, indexes));
        return (IDocumentCollection<T>)collection;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await File.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>
    /// The writes share one savepoint of the file's group commit (or a transaction of their own when the file is idle):
    /// a write whose condition fails throws inside it, which rolls back that savepoint alone, so the batch leaves nothing
    /// and the other callers' writes in the same transaction commit.
    /// </summary>
    public async Task<int> WriteAllAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var bodies = new byte[writes.Count][];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!_collections.ContainsKey((write.Collection, write.DocumentType)))
            {
                // A table is created when its collection is opened; a write to an unopened one would find no table.
                throw new ArgumentException($"Collection '{write.Collection}' of {write.DocumentType.Name} is not open in this store.", nameof(writes));
            }

            // Serialized before the file's turn is taken: the turn is held for the statements only.
            bodies[i] = JsonSerializer.SerializeToUtf8Bytes(write.Document, write.DocumentType, DocumentJson.Options);
        }

        try
        {
            await File.WriteAsync(writer => Run(writer, writes, bodies), cancellationToken);
            return -1;
        }
        catch (ConditionFailedException e)
        {
            return e.Index;
        }
    }

    private static bool Run(SqliteWriter writer, IReadOnlyList<DocumentWrite> writes, byte[][] bodies)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var statements = SqliteStatements.For(write.Collection);
            var command = writer.Statement(write.Kind == DocumentWriteKind.Replace ? statements.Replace : statements.Insert);
            command.Parameters.AddWithValue("$id", write.Id);
            command.Parameters.AddWithValue("$body", bodies[i]);
            if (write.Kind == DocumentWriteKind.Replace)
            {
                command.Parameters.AddWithValue("$expected", write.ExpectedVersion);
            }

            int changed;
            try
            {
                changed = command.ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
            {
                changed = 0;
            }

            if (changed != 1 && write.Kind != DocumentWriteKind.InsertIfAbsent)
            {
                throw new ConditionFailedException(i);
            }
        }

        return true;
    }

    /// <summary>Closes the file's writer connection; pooled readers close with the pool.</summary>
    public void Dispose() => File.Dispose();

    // Thrown inside the write so the group commit rolls back the batch's savepoint; never leaves this class.
    private sealed class ConditionFailedException(int index) : Exception($"Write {index} of an atomic batch did not meet its condition.")
    {
        public int Index { get; } = index;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    internal static partial Regex CollectionName();
}
