using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// The embedded document store: one SQLite file in WAL mode, one table per collection
/// (<c>id</c>, <c>version</c>, <c>body</c> as JSON), indexes as expression indexes on <c>json_extract</c>.
/// Several processes may share the file; SQLite serializes their writes.
/// </summary>
public sealed partial class SqliteDocumentStore : IDocumentStore, IDisposable
{
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

    /// <summary>Closes the file's writer connection; pooled readers close with the pool.</summary>
    public void Dispose() => File.Dispose();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    internal static partial Regex CollectionName();
}
