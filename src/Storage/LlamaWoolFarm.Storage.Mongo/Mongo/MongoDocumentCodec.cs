using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace LlamaWoolFarm.Storage.Mongo;

/// <summary>
/// Turns documents into BSON and back through the same JSON every adapter writes (<see cref="DocumentJson.Options"/>),
/// so converters on the stored types (big numbers as strings, enums as names) behave exactly as on SQLite.
/// </summary>
public static class MongoDocumentCodec
{
    /// <summary>Field holding the document body.</summary>
    public const string BodyField = "body";

    /// <summary>Field holding the document version.</summary>
    public const string VersionField = "version";

    // Relaxed extended JSON writes BSON numbers as plain JSON numbers, which System.Text.Json reads back.
    private static readonly JsonWriterSettings RelaxedJson = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = false };

    /// <summary>The body of a document as BSON.</summary>
    public static BsonDocument ToBson<T>(T document)
        where T : class
    {
        var json = JsonSerializer.Serialize(document, DocumentJson.Options);
        return BsonDocument.Parse(json);
    }

    /// <summary>A document read back from its BSON body.</summary>
    public static T FromBson<T>(BsonDocument body)
        where T : class
    {
        var json = body.ToJson(RelaxedJson);
        return JsonSerializer.Deserialize<T>(json, DocumentJson.Options) ?? throw new InvalidDataException("A stored document is null.");
    }

    /// <summary>The stored form: <c>{ _id, version, body }</c>.</summary>
    public static BsonDocument Envelope<T>(string id, long version, T document)
        where T : class =>
        new()
        {
            { "_id", id },
            { VersionField, version },
            { BodyField, ToBson(document) },
        };

    /// <summary>A stored document read back from its envelope.</summary>
    public static Stored<T> FromEnvelope<T>(BsonDocument envelope)
        where T : class =>
        new(envelope["_id"].AsString, envelope[VersionField].ToInt64(), FromBson<T>(envelope[BodyField].AsBsonDocument));

    /// <summary>
    /// A BSON round trip without a server: the envelope is written to BSON bytes and read back, as the driver would.
    /// </summary>
    public static T RoundTrip<T>(T document)
        where T : class
    {
        var bytes = Envelope("id", 1, document).ToBson();
        var read = MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(bytes);
        return FromEnvelope<T>(read).Document;
    }
}
