using LlamaWoolFarm.Storage.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace LlamaWoolFarm.Storage.Mongo;

internal sealed class MongoDocumentCollection<T> : IDocumentCollection<T>
    where T : class
{
    private readonly IMongoCollection<BsonDocument> _collection;
    private readonly IReadOnlyCollection<DocumentIndex> _indexes;
    private readonly HashSet<string> _indexedFields;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public MongoDocumentCollection(IMongoDatabase database, string name, IReadOnlyCollection<DocumentIndex> indexes)
    {
        Name = name;
        _collection = database.GetCollection<BsonDocument>(name);
        _indexes = indexes;
        // Validates the field names at open time, as the SQLite adapter does.
        foreach (var index in indexes)
        {
            _ = MongoDocumentSchema.Index(index);
        }

        _indexedFields = new HashSet<string>(indexes.Select(i => i.Field), StringComparer.Ordinal);
    }

    public string Name { get; }

    public async Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var found = await _collection.Find(MongoDocumentSchema.ById(id)).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : MongoDocumentCodec.FromEnvelope<T>(found);
    }

    public async Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        try
        {
            await _collection.InsertOneAsync(MongoDocumentCodec.Envelope(id, 1, document), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        try
        {
            // The version test and the write are one server-side operation, so two writers from one version cannot both win.
            var result = await _collection.ReplaceOneAsync(
                MongoDocumentSchema.ByIdAndVersion(id, expectedVersion),
                MongoDocumentCodec.Envelope(id, expectedVersion + 1, document),
                new ReplaceOptions { IsUpsert = false },
                cancellationToken);
            return result.MatchedCount == 1;
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var result = await _collection.DeleteOneAsync(MongoDocumentSchema.ById(id), cancellationToken);
        return result.DeletedCount == 1;
    }

    public async Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default)
    {
        if (!_indexedFields.Contains(field))
        {
            // Unindexed queries would scan the collection; every query the services make is declared up front.
            throw new ArgumentException($"Field '{field}' is not an index of collection '{Name}'.", nameof(field));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await EnsureSchemaAsync(cancellationToken);
        var found = await _collection.Find(MongoDocumentSchema.ByField(field, value))
            .Sort(MongoDocumentSchema.IdOrder)
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return found.Select(MongoDocumentCodec.FromEnvelope<T>).ToList();
    }

    public async Task<IReadOnlyList<Stored<T>>> ListAsync(string afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(afterId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await EnsureSchemaAsync(cancellationToken);
        var found = await _collection.Find(MongoDocumentSchema.IdAfter(afterId))
            .Sort(MongoDocumentSchema.IdOrder)
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return found.Select(MongoDocumentCodec.FromEnvelope<T>).ToList();
    }

    // Indexes are created on first use rather than in the constructor, so opening a collection never blocks on the
    // server; creating an index that exists with the same definition is a no-op, so every process may do it.
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                if (_indexes.Count > 0)
                {
                    await _collection.Indexes.CreateManyAsync(_indexes.Select(MongoDocumentSchema.Index), cancellationToken);
                }

                _schemaReady = true;
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
