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
    public async Task Bodies_are_stored_as_JSON_text_however_they_are_written_and_text_from_earlier_versions_still_reads()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "documents.db");
        var store = new SqliteDocumentStore(path);
        var farms = store.Collection<Farm>("farms", new DocumentIndex("ownerId"));
        const string Wool = "ünïcødé 🦙 \"quoted\"";
        Assert.True(await farms.InsertAsync("inserted", new Farm { OwnerId = "o1", Wool = Wool }));
        Assert.True(await farms.InsertAsync("replaced", new Farm { OwnerId = "o1" }));
        Assert.True(await farms.ReplaceAsync("replaced", new Farm { OwnerId = "o1", Wool = Wool }, 1));
        Assert.Equal(-1, await store.WriteAllAsync([DocumentWrite.Insert(farms, "batched", new Farm { OwnerId = "o1", Wool = Wool })]));
        // A row as versions before bodies were bound as bytes wrote it: a bound string.
        using (var connection = new SqliteFile(path).Open())
        using (var legacy = connection.CreateCommand())
        {
            legacy.CommandText = "INSERT INTO doc_farms (id, version, body) VALUES ('legacy', 1, $body)";
            legacy.Parameters.AddWithValue("$body", System.Text.Json.JsonSerializer.Serialize(new Farm { OwnerId = "o1", Wool = Wool }, DocumentJson.Options));
            legacy.ExecuteNonQuery();
        }

        using (var connection = new SqliteFile(path).Open())
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT typeof(body), json_valid(body), json_extract(body, '$.wool') FROM doc_farms ORDER BY id";
            using var rows = query.ExecuteReader();
            var count = 0;
            while (rows.Read())
            {
                count++;
                Assert.Equal("text", rows.GetString(0));
                Assert.Equal(1L, rows.GetInt64(1));
                Assert.Equal(Wool, rows.GetString(2));
            }

            Assert.Equal(4, count);
        }

        var found = await farms.FindAsync("ownerId", "o1", 10);
        Assert.Equal(["batched", "inserted", "legacy", "replaced"], found.Select(f => f.Id));
        Assert.All(found, f => Assert.Equal(Wool, f.Document.Wool));
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
    public async Task A_write_that_throws_in_a_shared_transaction_is_rolled_back_alone()
    {
        var file = new SqliteFile(Path.Combine(TestServers.NewDataFolder(), "group.db"));
        using (var connection = file.Open())
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE rows (id INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }

        // Many callers at once, so writes share transactions; every seventh inserts its row and then fails.
        var writes = Enumerable.Range(0, 300).Select(i => Task.Run(() => file.WriteAsync(
            writer =>
            {
                // One compiled statement for every write, bound anew each time.
                var insert = writer.Statement("INSERT INTO rows (id) VALUES ($id)");
                insert.Parameters.AddWithValue("$id", i);
                insert.ExecuteNonQuery();
                return i % 7 == 0 ? throw new InvalidOperationException($"write {i} failed") : i;
            },
            CancellationToken.None))).ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        using var reader = file.Open();
        using var query = reader.CreateCommand();
        query.CommandText = "SELECT id FROM rows ORDER BY id";
        var stored = new List<long>();
        using (var rows = query.ExecuteReader())
        {
            while (rows.Read())
            {
                stored.Add(rows.GetInt64(0));
            }
        }

        Assert.Equal(Enumerable.Range(0, 300).Where(i => i % 7 != 0).Select(i => (long)i), stored);
        Assert.All(writes.Where((_, i) => i % 7 == 0), w => Assert.IsType<InvalidOperationException>(w.Exception?.InnerException));
        Assert.All(writes.Where((_, i) => i % 7 != 0), w => Assert.True(w.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task The_writer_keeps_a_64_MB_page_cache_and_a_reader_the_default()
    {
        var file = new SqliteFile(Path.Combine(TestServers.NewDataFolder(), "cache.db"));

        var writer = await file.WriteAsync(w => CacheSize(w.Connection), CancellationToken.None);
        using var reader = file.Open();

        // Negative: KiB. The writer's page cache survives writes, so it is the one worth making large.
        Assert.Equal(-65_536, writer);
        Assert.Equal(-2_000, CacheSize(reader));
    }

    [Fact]
    public async Task Written_pages_reach_the_database_file_through_background_checkpoints()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "documents.db");
        var farms = new SqliteDocumentStore(path).Collection<Farm>("farms");
        var wool = new string('7', 2_000);

        for (var i = 0; i < SqliteFile.CheckpointEvery * 3; i++)
        {
            Assert.True(await farms.InsertAsync($"f{i}", new Farm { Wool = wool }));
        }

        // Automatic checkpoints are off on the write path; without the background ones the documents would stay in
        // the write-ahead log and the database file would hold little more than the schema.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(path).Length < SqliteFile.CheckpointEvery * 2_000L && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(path).Length >= SqliteFile.CheckpointEvery * 2_000L, $"database file is {new FileInfo(path).Length} bytes");
    }

    [Fact]
    public async Task The_write_ahead_log_starts_over_while_readers_keep_reading()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "documents.db");
        var farms = new SqliteDocumentStore(path).Collection<Farm>("farms");
        var wool = new string('7', 3_000);
        Assert.True(await farms.InsertAsync("read", new Farm { Wool = "1" }));

        // Readers that never pause: a passive checkpoint alone never lets the log start over under them.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.NotNull(await farms.GetAsync("read"));
                // SQLite reads complete synchronously: without a yield the two loops would hold the pool's threads.
                await Task.Yield();
            }
        })).ToList();
        var writes = SqliteFile.CheckpointEvery * 32;
        for (var i = 0; i < writes; i++)
        {
            Assert.True(await farms.InsertAsync($"f{i}", new Farm { Wool = wool }));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        // Every write appended at least one 4 KiB page to the log (32 MiB or more in all, about 140 MiB measured
        // when it never started over); starting over after each checkpoint keeps the file near what is written
        // while a checkpoint runs (9 to 27 MiB measured).
        var log = new FileInfo(path + "-wal").Length;
        Assert.True(log < writes * 4_096L, $"the write-ahead log is {log} bytes after {writes} writes");
    }

    [Fact]
    public async Task A_disposed_store_refuses_writes_and_its_documents_stay_readable_by_the_next()
    {
        var path = Path.Combine(TestServers.NewDataFolder(), "documents.db");
        var store = new SqliteDocumentStore(path);
        Assert.True(await store.Collection<Farm>("farms").InsertAsync("a", new Farm { Wool = "1" }));

        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Collection<Farm>("farms").InsertAsync("b", new Farm()));
        var reopened = new SqliteDocumentStore(path);
        Assert.Equal("1", (await reopened.Collection<Farm>("farms").GetAsync("a"))!.Document.Wool);
        Assert.Null(await reopened.Collection<Farm>("farms").GetAsync("b"));
        reopened.Dispose();
    }

    [Fact]
    public void A_collection_name_that_is_not_a_plain_identifier_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CreateStore().Collection<Farm>("farms; DROP TABLE x"));
    }

    private static long CacheSize(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        return (long)command.ExecuteScalar()!;
    }
}
