using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>
/// What every document store adapter must do. Each adapter's test class derives from this and supplies a fresh
/// store, so SQLite and MongoDB answer the same questions the same way.
/// </summary>
public abstract class DocumentStoreContract
{
    public sealed class Farm
    {
        public string OwnerId { get; set; } = string.Empty;

        public string DeviceId { get; set; } = string.Empty;

        public string Wool { get; set; } = "0";

        public List<string> Buildings { get; set; } = [];
    }

    /// <summary>A store over an empty database.</summary>
    protected abstract IDocumentStore CreateStore();

    [ContractFact]
    public async Task An_inserted_document_reads_back_at_version_1()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        Assert.True(await farms.InsertAsync("a", new Farm { OwnerId = "p1", Wool = "1.5e+400", Buildings = ["barn"] }));

        var stored = await farms.GetAsync("a");

        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal("1.5e+400", stored.Document.Wool);
        Assert.Equal(["barn"], stored.Document.Buildings);
    }

    [ContractFact]
    public async Task A_missing_document_reads_as_null()
    {
        Assert.Null(await CreateStore().Collection<Farm>("farms").GetAsync("nobody"));
    }

    [ContractFact]
    public async Task A_second_insert_of_the_same_id_is_refused_and_changes_nothing()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        await farms.InsertAsync("a", new Farm { Wool = "1" });

        Assert.False(await farms.InsertAsync("a", new Farm { Wool = "999" }));
        Assert.Equal("1", (await farms.GetAsync("a"))!.Document.Wool);
    }

    [ContractFact]
    public async Task A_replace_from_the_current_version_wins_and_bumps_the_version()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        await farms.InsertAsync("a", new Farm { Wool = "1" });

        Assert.True(await farms.ReplaceAsync("a", new Farm { Wool = "2" }, expectedVersion: 1));

        var stored = await farms.GetAsync("a");
        Assert.Equal(2, stored!.Version);
        Assert.Equal("2", stored.Document.Wool);
    }

    [ContractFact]
    public async Task A_replace_from_a_stale_version_loses_and_changes_nothing()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        await farms.InsertAsync("a", new Farm { Wool = "1" });
        await farms.ReplaceAsync("a", new Farm { Wool = "2" }, 1);

        Assert.False(await farms.ReplaceAsync("a", new Farm { Wool = "3" }, expectedVersion: 1));
        Assert.Equal("2", (await farms.GetAsync("a"))!.Document.Wool);
    }

    [ContractFact]
    public async Task Of_many_writers_racing_from_one_version_exactly_one_wins()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        await farms.InsertAsync("a", new Farm { Wool = "0" });

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => farms.ReplaceAsync("a", new Farm { Wool = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, 1))));

        Assert.Single(results, won => won);
        Assert.Equal(2, (await farms.GetAsync("a"))!.Version);
    }

    [ContractFact]
    public async Task A_replace_of_a_missing_document_is_refused()
    {
        Assert.False(await CreateStore().Collection<Farm>("farms").ReplaceAsync("nobody", new Farm(), 1));
    }

    [ContractFact]
    public async Task Delete_removes_the_document_once()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        await farms.InsertAsync("a", new Farm());

        Assert.True(await farms.DeleteAsync("a"));
        Assert.False(await farms.DeleteAsync("a"));
        Assert.Null(await farms.GetAsync("a"));
    }

    [ContractFact]
    public async Task Find_by_an_index_returns_the_matching_documents_in_id_order_up_to_the_limit()
    {
        var farms = CreateStore().Collection<Farm>("farms", new DocumentIndex("ownerId"));
        await farms.InsertAsync("c", new Farm { OwnerId = "p1" });
        await farms.InsertAsync("a", new Farm { OwnerId = "p1" });
        await farms.InsertAsync("b", new Farm { OwnerId = "p2" });
        await farms.InsertAsync("d", new Farm { OwnerId = "p1" });

        var found = await farms.FindAsync("ownerId", "p1", limit: 2);

        Assert.Equal(["a", "c"], found.Select(f => f.Id));
    }

    [ContractFact]
    public async Task List_pages_through_the_whole_collection_in_id_order()
    {
        var farms = CreateStore().Collection<Farm>("farms");
        foreach (var id in new[] { "c", "a", "e", "b", "d" })
        {
            await farms.InsertAsync(id, new Farm { OwnerId = id });
        }

        var first = await farms.ListAsync("", limit: 2);
        var second = await farms.ListAsync(first[^1].Id, limit: 2);
        var third = await farms.ListAsync(second[^1].Id, limit: 2);
        var past = await farms.ListAsync(third[^1].Id, limit: 2);

        Assert.Equal(["a", "b"], first.Select(f => f.Id));
        Assert.Equal(["c", "d"], second.Select(f => f.Id));
        Assert.Equal("e", Assert.Single(third).Id);
        Assert.Equal("e", third[0].Document.OwnerId);
        Assert.Empty(past);
    }

    [ContractFact]
    public async Task Find_on_a_field_that_is_not_indexed_is_refused()
    {
        var farms = CreateStore().Collection<Farm>("farms", new DocumentIndex("ownerId"));

        await Assert.ThrowsAsync<ArgumentException>(() => farms.FindAsync("wool", "1", 10));
    }

    [ContractFact]
    public async Task A_unique_index_refuses_a_second_document_with_the_same_value()
    {
        var farms = CreateStore().Collection<Farm>("farms", new DocumentIndex("deviceId", Unique: true));
        Assert.True(await farms.InsertAsync("a", new Farm { DeviceId = "d1" }));

        Assert.False(await farms.InsertAsync("b", new Farm { DeviceId = "d1" }));
        Assert.Null(await farms.GetAsync("b"));
    }

    [ContractFact]
    public async Task Opening_a_collection_twice_keeps_its_documents_and_indexes()
    {
        var store = CreateStore();
        await store.Collection<Farm>("farms", new DocumentIndex("ownerId")).InsertAsync("a", new Farm { OwnerId = "p1" });

        var again = store.Collection<Farm>("farms", new DocumentIndex("ownerId"));

        Assert.Single(await again.FindAsync("ownerId", "p1", 10));
    }

    [ContractFact]
    public async Task The_store_answers_a_ping()
    {
        Assert.True(await CreateStore().PingAsync());
    }
}
