using LlamaWoolFarm.Storage.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace LlamaWoolFarm.Storage.Mongo;

/// <summary>The filters, updates and index definitions the MongoDB adapter sends; public so tests can render them.</summary>
public static class MongoDocumentSchema
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    /// <summary>The document with this id.</summary>
    public static FilterDefinition<BsonDocument> ById(string id) => Filter.Eq("_id", id);

    /// <summary>The document with this id, only while it is at this version: the optimistic-concurrency test.</summary>
    public static FilterDefinition<BsonDocument> ByIdAndVersion(string id, long version) =>
        Filter.And(Filter.Eq("_id", id), Filter.Eq(MongoDocumentCodec.VersionField, version));

    /// <summary>Documents whose indexed body field equals the value.</summary>
    public static FilterDefinition<BsonDocument> ByField(string field, string value) => Filter.Eq(BodyPath(field), value);

    /// <summary>The documents whose id sorts after this one (a page of a scan in id order; the _id index serves it).</summary>
    public static FilterDefinition<BsonDocument> IdAfter(string id) => Filter.Gt("_id", id);

    /// <summary>Results in id order, as every adapter returns them.</summary>
    public static SortDefinition<BsonDocument> IdOrder { get; } = Builders<BsonDocument>.Sort.Ascending("_id");

    /// <summary>The index of a declared field; the name is fixed so re-creating it at every start is a no-op.</summary>
    public static CreateIndexModel<BsonDocument> Index(DocumentIndex index)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(index.Field, "^[A-Za-z][A-Za-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"Index field '{index.Field}' is not a plain field name.", nameof(index));
        }

        return new CreateIndexModel<BsonDocument>(
            Builders<BsonDocument>.IndexKeys.Ascending(BodyPath(index.Field)),
            new CreateIndexOptions { Name = "ix_" + index.Field, Unique = index.Unique });
    }

    /// <summary>The BSON path of a body field.</summary>
    public static string BodyPath(string field) => MongoDocumentCodec.BodyField + "." + field;
}
