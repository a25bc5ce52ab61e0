using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using static LlamaWoolFarm.Storage.Tests.Documents.DocumentStoreContract;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>
/// Several writes as one on the SQLite store (<see cref="IAtomicDocumentWrites"/>): all made, or, when one's condition
/// fails, none, while other callers' writes in the same group-commit transaction still commit.
/// </summary>
public sealed class SqliteAtomicWritesTests
{
    [Fact]
    public async Task Writes_to_two_collections_are_made_together_and_a_replace_moves_the_version()
    {
        var store = NewStore();
        var farms = store.Collection<Farm>("farms");
        var records = store.Collection<Farm>("records");
        await farms.InsertAsync("f", new Farm { Wool = "1" });

        var failed = await store.WriteAllAsync([
            DocumentWrite.Insert(records, "r1", new Farm { Wool = "record" }),
            DocumentWrite.Replace(farms, "f", new Farm { Wool = "2" }, expectedVersion: 1)]);

        Assert.Equal(-1, failed);
        Assert.Equal("record", (await records.GetAsync("r1"))!.Document.Wool);
        var farm = await farms.GetAsync("f");
        Assert.Equal(("2", 2L), (farm!.Document.Wool, farm.Version));
    }

    [Fact]
    public async Task An_insert_whose_id_is_taken_fails_the_batch_and_nothing_of_it_is_written()
    {
        var store = NewStore();
        var farms = store.Collection<Farm>("farms");
        var records = store.Collection<Farm>("records");
        await farms.InsertAsync("f", new Farm { Wool = "1" });
        await records.InsertAsync("r1", new Farm { Wool = "first" });

        var failed = await store.WriteAllAsync([
            DocumentWrite.InsertIfAbsent(records, "r0", new Farm { Wool = "leaving" }),
            DocumentWrite.Insert(records, "r1", new Farm { Wool = "second" }),
            DocumentWrite.Replace(farms, "f", new Farm { Wool = "2" }, expectedVersion: 1)]);

        Assert.Equal(1, failed);
        Assert.Null(await records.GetAsync("r0"));
        Assert.Equal("first", (await records.GetAsync("r1"))!.Document.Wool);
        var farm = await farms.GetAsync("f");
        Assert.Equal(("1", 1L), (farm!.Document.Wool, farm.Version));
    }

    [Fact]
    public async Task A_replace_of_a_moved_version_fails_the_batch_after_its_inserts_ran_and_they_are_undone()
    {
        var store = NewStore();
        var farms = store.Collection<Farm>("farms");
        var records = store.Collection<Farm>("records");
        await farms.InsertAsync("f", new Farm { Wool = "1" });
        Assert.True(await farms.ReplaceAsync("f", new Farm { Wool = "other writer" }, 1));

        var failed = await store.WriteAllAsync([
            DocumentWrite.Insert(records, "r1", new Farm { Wool = "record" }),
            DocumentWrite.Replace(farms, "f", new Farm { Wool = "2" }, expectedVersion: 1)]);

        Assert.Equal(1, failed);
        Assert.Null(await records.GetAsync("r1"));
        Assert.Equal("other writer", (await farms.GetAsync("f"))!.Document.Wool);
    }

    [Fact]
    public async Task Insert_if_absent_keeps_a_stored_document_and_does_not_fail()
    {
        var store = NewStore();
        var records = store.Collection<Farm>("records");
        await records.InsertAsync("r0", new Farm { Wool = "kept" });

        var failed = await store.WriteAllAsync([
            DocumentWrite.InsertIfAbsent(records, "r0", new Farm { Wool = "ignored" }),
            DocumentWrite.InsertIfAbsent(records, "r2", new Farm { Wool = "new" })]);

        Assert.Equal(-1, failed);
        Assert.Equal("kept", (await records.GetAsync("r0"))!.Document.Wool);
        Assert.Equal("new", (await records.GetAsync("r2"))!.Document.Wool);
    }

    [Fact]
    public async Task A_failing_batch_among_many_writers_in_shared_transactions_leaves_the_others_written()
    {
        var store = NewStore();
        var farms = store.Collection<Farm>("farms");
        var records = store.Collection<Farm>("records");
        for (var i = 0; i < 200; i++)
        {
            await farms.InsertAsync($"f{i}", new Farm { Wool = "0" });
        }

        // Every fifth batch names a version that never was, so it fails; the rest run in the same transactions.
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.WriteAllAsync([
            DocumentWrite.Insert(records, $"r{i}", new Farm { Wool = "record" }),
            DocumentWrite.Replace(farms, $"f{i}", new Farm { Wool = "1" }, expectedVersion: i % 5 == 0 ? 7 : 1)]))));

        for (var i = 0; i < 200; i++)
        {
            var failing = i % 5 == 0;
            Assert.Equal(failing ? 1 : -1, results[i]);
            Assert.Equal(failing, await records.GetAsync($"r{i}") is null);
            Assert.Equal(failing ? "0" : "1", (await farms.GetAsync($"f{i}"))!.Document.Wool);
        }
    }

    [Fact]
    public async Task A_write_to_a_collection_this_store_never_opened_is_refused()
    {
        var store = NewStore();
        var elsewhere = NewStore().Collection<Farm>("elsewhere");

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAllAsync([DocumentWrite.Insert(elsewhere, "x", new Farm())]));
    }

    private static SqliteDocumentStore NewStore() => new(Path.Combine(TestServers.NewDataFolder(), "documents.db"));
}
