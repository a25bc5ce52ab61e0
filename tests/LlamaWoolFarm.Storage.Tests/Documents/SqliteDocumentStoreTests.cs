using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>The document store contract on the SQLite adapter, each test on a fresh database file.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreContract
{
    protected override IDocumentStore CreateStore() => new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db"));

    [Fact]
    public async Task Documents_survive_reopening_the_file()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "documents.db");
        await new SqliteDocumentStore(path).Collection<Farm>("farms").InsertAsync("a", new Farm { Wool = "42" });

        var reopened = await new SqliteDocumentStore(path).Collection<Farm>("farms").GetAsync("a");

        Assert.Equal("42", reopened!.Document.Wool);
    }

    [Fact]
    public async Task Many_writers_on_one_file_through_two_stores_all_succeed()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "documents.db");
        var stores = new[] { new SqliteDocumentStore(path), new SqliteDocumentStore(path) };

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            stores[i % 2].Collection<Farm>("farms").InsertAsync($"f{i}", new Farm { Wool = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }))));

        Assert.All(results, Assert.True);
        Assert.Equal("399", (await stores[1].Collection<Farm>("farms").GetAsync("f399"))!.Document.Wool);
    }

    [Fact]
    public void A_collection_name_that_is_not_a_plain_identifier_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CreateStore().Collection<Farm>("farms; DROP TABLE x"));
    }
}
