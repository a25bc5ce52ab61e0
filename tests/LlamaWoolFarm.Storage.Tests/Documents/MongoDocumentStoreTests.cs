using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Mongo;
using LlamaWoolFarm.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>
/// The document store contract on the MongoDB adapter, each test in a fresh database. MongoDB cannot run on the CI
/// machine, so these run only when LWF_TEST_MONGO holds a connection string and are reported as skipped otherwise.
/// </summary>
[RequiresEnvironment("LWF_TEST_MONGO", SkipReason)]
public sealed class MongoDocumentStoreTests : DocumentStoreContract
{
    public const string SkipReason = "MongoDB is not available: set LWF_TEST_MONGO to a mongodb:// connection string to run the MongoDB adapter tests.";

    protected override IDocumentStore CreateStore() => new MongoDocumentStore(NewDatabase());

    [MongoFact]
    public async Task Indexes_are_created_once_under_fixed_names_however_often_the_collection_is_opened()
    {
        var database = NewDatabase();
        await new MongoDocumentStore(database).Collection<Farm>("farms", new DocumentIndex("ownerId"), new DocumentIndex("deviceId", Unique: true)).GetAsync("x");
        await new MongoDocumentStore(database).Collection<Farm>("farms", new DocumentIndex("ownerId"), new DocumentIndex("deviceId", Unique: true)).GetAsync("x");

        var indexes = await (await database.GetCollection<BsonDocument>("farms").Indexes.ListAsync()).ToListAsync();

        Assert.Equal(["_id_", "ix_deviceId", "ix_ownerId"], indexes.Select(i => i["name"].AsString).Order(StringComparer.Ordinal));
        Assert.True(indexes.Single(i => i["name"] == "ix_deviceId")["unique"].AsBoolean);
    }

    [MongoFact]
    public async Task A_replace_that_would_collide_with_a_unique_value_is_refused()
    {
        var farms = new MongoDocumentStore(NewDatabase()).Collection<Farm>("farms", new DocumentIndex("deviceId", Unique: true));
        await farms.InsertAsync("a", new Farm { DeviceId = "d1" });
        await farms.InsertAsync("b", new Farm { DeviceId = "d2" });

        Assert.False(await farms.ReplaceAsync("b", new Farm { DeviceId = "d1" }, 1));
        Assert.Equal("d2", (await farms.GetAsync("b"))!.Document.DeviceId);
    }

    private static IMongoDatabase NewDatabase() =>
        new MongoClient(TestServers.Mongo).GetDatabase("lwf_test_" + Guid.NewGuid().ToString("N")[..16]);
}
