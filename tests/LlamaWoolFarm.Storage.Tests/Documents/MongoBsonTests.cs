using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>What the MongoDB adapter writes and sends, checked without a server: BSON round trips and rendered commands.</summary>
public sealed class MongoBsonTests
{
    public enum Mood
    {
        Calm,
        VeryHappy,
    }

    public sealed record Everything(
        string Text,
        int Small,
        long Large,
        double Fraction,
        bool Flag,
        Mood Mood,
        DateTimeOffset At,
        Guid Id,
        string? Missing,
        List<string> Names,
        Dictionary<string, long> Counts,
        DocumentStoreContract.Farm Nested);

    [Fact]
    public void Every_kind_of_field_survives_a_BSON_round_trip()
    {
        var original = new Everything(
            "wool \"quoted\" ünïcödé", int.MinValue, long.MaxValue, 0.1 + 0.2, true, Mood.VeryHappy,
            new DateTimeOffset(2026, 11, 25, 1, 2, 3, 456, TimeSpan.FromHours(2)), Guid.NewGuid(), null,
            ["a", "b"], new() { ["barn"] = 3, ["mill"] = long.MinValue },
            new DocumentStoreContract.Farm { OwnerId = "p1", Wool = "1.5e+400", Buildings = ["barn"] });

        var back = MongoDocumentCodec.RoundTrip(original);

        Assert.Equal(original with { Names = back.Names, Counts = back.Counts, Nested = back.Nested }, back);
        Assert.Equal(original.Names, back.Names);
        Assert.Equal(original.Counts, back.Counts);
        Assert.Equal(original.Nested.Wool, back.Nested.Wool);
        Assert.Equal(original.Nested.Buildings, back.Nested.Buildings);
    }

    [Fact]
    public void The_body_uses_the_shared_JSON_names_and_enum_strings()
    {
        var body = MongoDocumentCodec.ToBson(new Everything("t", 1, 2, 3.5, false, Mood.VeryHappy, DateTimeOffset.UnixEpoch, Guid.Empty, null, [], [], new()));

        Assert.Equal("veryHappy", body["mood"].AsString);
        Assert.Equal(BsonType.Int32, body["small"].BsonType);
        Assert.Equal(3.5, body["fraction"].AsDouble);
        Assert.True(body.Contains("nested"));
    }

    [Fact]
    public void The_envelope_holds_id_version_and_body()
    {
        var envelope = MongoDocumentCodec.Envelope("a", 7, new DocumentStoreContract.Farm { OwnerId = "p1" });

        Assert.Equal("a", envelope["_id"].AsString);
        Assert.Equal(7L, envelope["version"].AsInt64);
        Assert.Equal("p1", envelope["body"]["ownerId"].AsString);
    }

    [Fact]
    public void A_replace_filters_on_id_and_the_expected_version()
    {
        var filter = MongoDocumentSchema.ByIdAndVersion("a", 3).Render(Args());

        Assert.Equal("{ \"_id\" : \"a\", \"version\" : 3 }", filter.ToString());
        Assert.Equal(BsonType.Int64, filter["version"].BsonType);
    }

    [Fact]
    public void A_find_filters_on_the_body_field()
    {
        Assert.Equal("{ \"body.ownerId\" : \"p1\" }", Render(MongoDocumentSchema.ByField("ownerId", "p1")));
    }

    [Fact]
    public void A_list_page_filters_on_ids_after_the_last_one()
    {
        Assert.Equal("{ \"_id\" : { \"$gt\" : \"a\" } }", Render(MongoDocumentSchema.IdAfter("a")));
    }

    [Fact]
    public void Index_definitions_are_on_the_body_field_with_a_fixed_name_and_uniqueness()
    {
        var unique = MongoDocumentSchema.Index(new DocumentIndex("deviceId", Unique: true));
        var plain = MongoDocumentSchema.Index(new DocumentIndex("ownerId"));

        Assert.Equal("{ \"body.deviceId\" : 1 }", unique.Keys.Render(Args()).ToString());
        Assert.Equal("ix_deviceId", unique.Options.Name);
        Assert.True(unique.Options.Unique);
        Assert.Equal("ix_ownerId", plain.Options.Name);
        Assert.False(plain.Options.Unique);
    }

    [Fact]
    public void An_index_on_a_field_that_is_not_a_plain_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MongoDocumentSchema.Index(new DocumentIndex("a.$where")));
    }

    [Fact]
    public void A_collection_name_that_is_not_a_plain_identifier_is_refused_without_a_server()
    {
        var store = new MongoDocumentStore(new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100").GetDatabase("x"));

        Assert.Throws<ArgumentException>(() => store.Collection<DocumentStoreContract.Farm>("farms; drop"));
    }

    private static RenderArgs<BsonDocument> Args() => new(BsonSerializer.SerializerRegistry.GetSerializer<BsonDocument>(), BsonSerializer.SerializerRegistry);

    private static string Render(FilterDefinition<BsonDocument> filter) => filter.Render(Args()).ToString();
}
