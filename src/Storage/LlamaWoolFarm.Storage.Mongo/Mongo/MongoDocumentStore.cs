using System.Collections.Concurrent;
using LlamaWoolFarm.Storage.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace LlamaWoolFarm.Storage.Mongo;

/// <summary>
/// The server document store: one MongoDB collection per document collection, each document stored as
/// <c>{ _id, version, body }</c> with the body written through the shared JSON options, and declared indexes on
/// <c>body.&lt;field&gt;</c> (unique ones make a colliding insert return false).
/// </summary>
public sealed class MongoDocumentStore : IDocumentStore
{
    /// <summary>The database used when the connection string names none.</summary>
    public const string DefaultDatabase = "llamawoolfarm";

    private readonly IMongoDatabase _database;
    // By name and document type: two modules may read one collection through types of their own.
    private readonly ConcurrentDictionary<(string Name, Type Type), object> _collections = new();

    public MongoDocumentStore(IMongoDatabase database)
    {
        _database = database;
    }

    /// <summary>Connects with a <c>mongodb://</c> URL; its path names the database (default <see cref="DefaultDatabase"/>).</summary>
    public static MongoDocumentStore Connect(string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        var client = new MongoClient(url);
        return new MongoDocumentStore(client.GetDatabase(string.IsNullOrEmpty(url.DatabaseName) ? DefaultDatabase : url.DatabaseName));
    }

    public IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
        where T : class
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"Collection name '{name}' must be lower-case letters, digits and underscores.", nameof(name));
        }

        var collection = _collections.GetOrAdd((name, typeof(T)), key => new MongoDocumentCollection<T>(_database, key.Name, indexes));
        return (IDocumentCollection<T>)collection;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
