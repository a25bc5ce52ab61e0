using System.ComponentModel.DataAnnotations;
using Amazon.S3;
using Amazon.S3.Model;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Saves.ObjectStore;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>
/// Backups exported to a real S3-compatible store (s3rver, started per test): export of manual and nightly backups,
/// outages, retention, restore from the bucket when the primary store lost a backup, and the inputs it refuses.
/// </summary>
public sealed class ObjectStoreBackupTests : IAsyncLifetime
{
    private static readonly Guid DeletedPlayer = Guid.NewGuid();

    private OwnS3Server _s3 = null!;
    private IAmazonS3 _raw = null!;

    private BackupObjectStoreOptions Settings => new()
    {
        ServiceUrl = _s3.ServiceUrl,
        Bucket = OwnS3Server.Bucket,
        AccessKey = OwnS3Server.AccessKey,
        SecretKey = OwnS3Server.SecretKey,
        Prefix = "backups/",
        ServerSideEncryption = "AES256",
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task InitializeAsync()
    {
        _s3 = await OwnS3Server.StartNewAsync();
        _raw = BackupObjectStore.CreateClient(Settings);
    }

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _s3.DisposeAsync();
    }

    [Fact]
    public async Task Manual_and_nightly_backups_are_written_to_the_bucket_as_they_are_kept()
    {
        await using var saves = await StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);

        var manual = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), player, null), default);
        await saves.Repository.MarkActiveAsync(player, saves.Clock.Now, default);
        saves.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await saves.Backups.RunNightlyAsync(default));

        var primary = (await saves.Repository.Backups.FindAsync("playerId", player.ToString(), 10)).Select(b => b.Document).ToList();
        Assert.Equal(2, primary.Count);
        Assert.Equal(primary.Select(b => Key(player, b.BackupId)).Order(), await KeysAsync(player));
        foreach (var backup in primary)
        {
            using var get = await _raw.GetObjectAsync(OwnS3Server.Bucket, Key(player, backup.BackupId));
            var copy = BackupObjectCheck.Read(await new StreamReader(get.ResponseStream).ReadToEndAsync(), player, backup.BackupId);
            Assert.Equal((backup.Kind, backup.Checksum, backup.Day), (copy.Kind, copy.Checksum, copy.Day));
            Assert.Equal(backup.Kind, get.Metadata["kind"]);
        }

        Assert.Contains(primary, b => b.BackupId == manual.Backup.BackupId && b.Kind == BackupService.Manual);
        Assert.Equal(0, await saves.Exports.PendingCountAsync(default));
    }

    [Fact]
    public async Task A_backup_made_while_the_bucket_is_down_is_kept_then_exported_once_by_the_retry()
    {
        await using var saves = await StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        await _s3.StopAsync();

        var manual = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), player, null), default);
        await saves.Repository.MarkActiveAsync(player, saves.Clock.Now, default);
        saves.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await saves.Backups.RunNightlyAsync(default));

        Assert.Equal(2, (await saves.Backups.ListAsync(player, default)).Backups.Count);
        Assert.Equal(2, await saves.Exports.PendingCountAsync(default));
        Assert.Equal(0, await saves.Exports.ExportPendingAsync(default));

        await _s3.StartAsync();
        // The scheduled retry (the hosted loop the worker runs) picks them up, not a call of the test.
        var retry = new BackupExportRetry(saves.Exports, new BackupObjectStoreOptions { RetryInterval = TimeSpan.FromSeconds(1) }, NullLogger<BackupExportRetry>.Instance);
        await retry.StartAsync(default);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await saves.Exports.PendingCountAsync(default) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await retry.StopAsync(default);
        Assert.Equal(0, await saves.Exports.PendingCountAsync(default));
        var keys = await KeysAsync(player);
        Assert.Equal(2, keys.Count);
        Assert.Contains(Key(player, manual.Backup.BackupId), keys);
        // The same backup again (a repeated command, a second retry) rewrites the same object: nothing doubles.
        await saves.Backups.CreateManualAsync(new CreateBackup(manual.CommandId, player, null), default);
        await saves.Exports.QueueAsync(manual.Backup.BackupId, player, default);
        Assert.Equal(1, await saves.Exports.ExportPendingAsync(default));
        Assert.Equal(keys, await KeysAsync(player));
        Assert.Equal(2, (await saves.Backups.ListAsync(player, default)).Backups.Count);
    }

    [Fact]
    public async Task Retention_prunes_the_bucket_like_the_primary_store_even_across_an_outage()
    {
        await using var saves = await StartAsync(new SavesOptions { BackupsDaily = 3, BackupsWeekly = 2 });
        var player = Guid.NewGuid();
        saves.Clock.Now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await saves.CurrentAsync(player);
        var manual = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), player, null), default);
        for (var day = 0; day < 40; day++)
        {
            // Down for three nights in the middle: those backups wait, and pruning in the bucket waits too.
            if (day == 30)
            {
                await _s3.StopAsync();
            }
            else if (day == 33)
            {
                await _s3.StartAsync();
            }

            await saves.Repository.MarkActiveAsync(player, saves.Clock.Now, default);
            saves.Clock.Advance(TimeSpan.FromHours(15));
            Assert.Equal(1, await saves.Backups.RunNightlyAsync(default));
            saves.Clock.Advance(TimeSpan.FromHours(9));
        }

        var primary = (await saves.Repository.Backups.FindAsync("playerId", player.ToString(), 100)).Select(b => b.Document).ToList();
        Assert.Equal(
            ["2026-02-01", "2026-02-06", "2026-02-07", "2026-02-08", "2026-02-09"],
            primary.Where(b => b.Kind == BackupService.Nightly).Select(b => b.Day).Order());
        Assert.Equal(primary.Select(b => Key(player, b.BackupId)).Order(), await KeysAsync(player));
        Assert.Contains(Key(player, manual.Backup.BackupId), await KeysAsync(player));
        Assert.Equal(0, await saves.Exports.PendingCountAsync(default));
    }

    [Fact]
    public async Task A_backup_the_primary_store_lost_is_listed_and_restored_from_the_bucket_through_the_same_path()
    {
        await using var saves = await StartAsync();
        var player = Guid.NewGuid();
        var backup = await BackedUpThenPlayedOnAsync(saves, player);
        Assert.True(await saves.Repository.Backups.DeleteAsync(SaveRepository.Key(backup.Backup.BackupId)));

        var listed = (await saves.Backups.ListAsync(player, default)).Backups;
        var restore = new RestoreBackup(Guid.NewGuid(), player, null, backup.Backup.BackupId);
        var response = await saves.Harness.GetRequestClient<RestoreBackup>().GetResponse<BackupRestored, BackupNotFound>(restore);

        Assert.Equal(backup.Backup, Assert.Single(listed));
        Assert.True(response.Is(out Response<BackupRestored>? restored));
        Assert.Equal(3, restored.Message.Revision);
        Assert.Equal("10", Basic(await saves.StateAsync(player)));
        var history = await saves.Sync.GetHistoryAsync(new GetSaveHistory(player, 10), default);
        Assert.Equal([3L, 2L, 1L], history.Revisions.Select(r => r.Revision));
        Assert.Equal(("restore", backup.Backup.BackupId), (history.Revisions[0].Source, history.Revisions[0].RestoredFromBackupId));
        Assert.True(await saves.Harness.Published.Any<BackupRestored>(m => m.Context.Message.PlayerId == player));
        // The state the restore replaced is a pre-restore backup, exported by the retry like every backup.
        var preRestore = (await saves.Backups.ListAsync(player, default)).Backups.Single(b => b.BackupId == restored.Message.PreRestoreBackupId);
        Assert.Equal("110", preRestore.LifetimeWoolProduced);
        Assert.Equal(1, await saves.Exports.ExportPendingAsync(default));
        Assert.Contains(Key(player, preRestore.BackupId), await KeysAsync(player));
    }

    [Fact]
    public async Task A_deleted_players_backup_in_the_bucket_is_never_restored()
    {
        await using var saves = await StartAsync();
        await saves.CurrentAsync(DeletedPlayer);
        var backup = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), DeletedPlayer, null), default);
        Assert.True(await saves.Repository.Backups.DeleteAsync(SaveRepository.Key(backup.Backup.BackupId)));
        Assert.Single(await KeysAsync(DeletedPlayer));
        var before = await saves.SnapshotAsync(DeletedPlayer);

        var response = await saves.Harness.GetRequestClient<RestoreBackup>()
            .GetResponse<BackupRestored, BackupNotFound>(new RestoreBackup(Guid.NewGuid(), DeletedPlayer, null, backup.Backup.BackupId));

        Assert.True(response.Is(out Response<BackupNotFound>? _));
        Assert.Equal(before, await saves.SnapshotAsync(DeletedPlayer));
        Assert.False(saves.Harness.Published.Select<BackupRestored>(m => m.Context.Message.PlayerId == DeletedPlayer).Any());
    }

    [Fact]
    public async Task Unknown_ids_another_players_object_and_damaged_objects_are_not_found_and_change_nothing()
    {
        await using var saves = await StartAsync();
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        var backup = await BackedUpThenPlayedOnAsync(saves, player);
        await saves.CurrentAsync(other);
        var othersBackup = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), other, null), default);
        Assert.True(await saves.Repository.Backups.DeleteAsync(SaveRepository.Key(othersBackup.Backup.BackupId)));
        // Damaged: not JSON; edited: the player's real backup with more wool than its checksum says; misfiled: another
        // player's backup copied under this player's key.
        var (garbage, edited, misfiled) = (Guid.NewGuid(), Guid.NewGuid(), othersBackup.Backup.BackupId);
        await PutRawAsync(Key(player, garbage), "{ not json");
        var original = await ObjectTextAsync(Key(player, backup.Backup.BackupId));
        Assert.Contains("\"lifetimeWoolProduced\":\"10\"", original, StringComparison.Ordinal);
        await PutRawAsync(Key(player, edited), original.Replace(backup.Backup.BackupId.ToString(), edited.ToString(), StringComparison.Ordinal).Replace("\"lifetimeWoolProduced\":\"10\"", "\"lifetimeWoolProduced\":\"1e30\"", StringComparison.Ordinal));
        await PutRawAsync(Key(player, misfiled), await ObjectTextAsync(Key(other, othersBackup.Backup.BackupId)));
        var before = await saves.SnapshotAsync(player);
        var client = saves.Harness.GetRequestClient<RestoreBackup>();

        foreach (var id in new[] { Guid.NewGuid(), garbage, edited, misfiled })
        {
            var response = await client.GetResponse<BackupRestored, BackupNotFound>(new RestoreBackup(Guid.NewGuid(), player, null, id));
            Assert.True(response.Is(out Response<BackupNotFound>? notFound), $"restore of {id} was not refused");
            Assert.Equal(id, notFound.Message.BackupId);
        }

        Assert.Equal(before, await saves.SnapshotAsync(player));
        Assert.Equal([backup.Backup.BackupId], (await saves.Backups.ListAsync(player, default)).Backups.Select(b => b.BackupId));
        Assert.False(saves.Harness.Published.Select<BackupRestored>().Any());
        Assert.Equal(0, await saves.Exports.PendingCountAsync(default));
    }

    [Fact]
    public async Task With_the_bucket_down_a_restore_it_alone_could_answer_fails_as_an_outage_and_the_list_shows_the_primary_store()
    {
        await using var saves = await StartAsync();
        var player = Guid.NewGuid();
        var backup = await BackedUpThenPlayedOnAsync(saves, player);
        var kept = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), player, null), default);
        Assert.True(await saves.Repository.Backups.DeleteAsync(SaveRepository.Key(backup.Backup.BackupId)));
        var before = await saves.SnapshotAsync(player);
        await _s3.StopAsync();

        await Assert.ThrowsAsync<BackupObjectStoreUnavailableException>(() => saves.Backups.RestoreAsync(new RestoreBackup(Guid.NewGuid(), player, null, backup.Backup.BackupId), default));

        Assert.Equal(before, await saves.SnapshotAsync(player));
        Assert.Equal([kept.Backup.BackupId], (await saves.Backups.ListAsync(player, default)).Backups.Select(b => b.BackupId));
        // The gateway answers a worker's fault of this kind as 503 SERVICE_UNAVAILABLE (retry), not as an internal error.
        Assert.Equal(
            LlamaWoolFarm.ServiceDefaults.Hosting.DependencyFailures.Store,
            LlamaWoolFarm.ServiceDefaults.Hosting.DependencyFailures.Classify(new BackupObjectStoreUnavailableException("down", new IOException())));
    }

    [Fact]
    public async Task A_purge_deletes_the_players_objects_and_waits_for_a_bucket_that_is_down()
    {
        await using var saves = await StartAsync();
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var who in new[] { player, other })
        {
            await saves.CurrentAsync(who);
            await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), who, null), default);
        }

        var data = saves.Provider.GetRequiredService<SavesDataService>();
        await _s3.StopAsync();
        await Assert.ThrowsAsync<BackupObjectStoreUnavailableException>(() => data.PurgeBackupsAsync(player, default));
        Assert.Single(await saves.Repository.Backups.FindAsync("playerId", player.ToString(), 10));
        await _s3.StartAsync();

        Assert.Equal(2, await data.PurgeBackupsAsync(player, default));

        Assert.Empty(await KeysAsync(player));
        Assert.Empty((await saves.Backups.ListAsync(player, default)).Backups);
        Assert.Single(await KeysAsync(other));
    }

    [Fact]
    public async Task With_AES256_every_object_is_written_with_the_server_side_encryption_header()
    {
        // s3rver accepts the header and stores in clear (it neither keeps nor echoes it), so the header is read off
        // the wire here: a loopback listener standing in for the store records the PUT the exporter sends.
        var port = TestServers.FreePort();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var headers = new List<string?>();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                headers.Add(context.Request.Headers["x-amz-server-side-encryption"]);
                context.Response.Headers["ETag"] = "\"0\"";
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        var backup = new SaveBackup { BackupId = Guid.NewGuid(), PlayerId = Guid.NewGuid(), Kind = BackupService.Manual };
        foreach (var encryption in new[] { "AES256", null })
        {
            var options = Settings;
            options.ServiceUrl = $"http://127.0.0.1:{port}";
            options.ServerSideEncryption = encryption;
            using var store = new BackupObjectStore(options);
            await store.PutAsync(backup, default);
        }

        await serving.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["AES256", null], headers);
    }

    [Fact]
    public void The_settings_are_off_without_a_url_and_need_a_bucket_and_both_keys_with_one()
    {
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, " from-a-file \n");
        try
        {
            Assert.Empty(Problems(new BackupObjectStoreOptions()));
            Assert.False(new BackupObjectStoreOptions().Enabled);
            var missing = Problems(new BackupObjectStoreOptions { ServiceUrl = "http://127.0.0.1:9000" });
            Assert.Contains(missing, p => p.Contains("Bucket", StringComparison.Ordinal));
            Assert.Contains(missing, p => p.Contains("AccessKey", StringComparison.Ordinal));
            Assert.Contains(missing, p => p.Contains("SecretKey", StringComparison.Ordinal));
            Assert.NotEmpty(Problems(new BackupObjectStoreOptions { ServiceUrl = "ftp://x", Bucket = "b", AccessKey = "a", SecretKey = "s" }));
            Assert.NotEmpty(Problems(new BackupObjectStoreOptions { ServiceUrl = "http://x", Bucket = "b", AccessKey = "a", SecretKey = "s", ServerSideEncryption = "rot13" }));
            Assert.NotEmpty(Problems(new BackupObjectStoreOptions { ServiceUrl = "http://x", Bucket = "b", AccessKey = "a", SecretKeyFile = "/nonexistent/secret" }));
            var fromFile = new BackupObjectStoreOptions { ServiceUrl = "http://x", Bucket = "b", AccessKey = "a", SecretKeyFile = secretFile };
            Assert.Empty(Problems(fromFile));
            Assert.Equal("from-a-file", fromFile.ResolvedSecretKey);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public async Task A_store_url_without_its_secret_key_stops_the_saves_worker_at_start_naming_it()
    {
        await StartupSettings.AssertStopsNamingAsync(
            "Saves:Backups:ObjectStore:SecretKey",
            new Dictionary<string, string?>
            {
                ["Saves:Backups:ObjectStore:ServiceUrl"] = "http://127.0.0.1:9",
                ["Saves:Backups:ObjectStore:Bucket"] = "b",
                ["Saves:Backups:ObjectStore:AccessKey"] = "a",
            },
            b =>
            {
                // The host's store (the saves worker's collections live in it); the check runs before anything uses it.
                b.Services.AddSingleton<LlamaWoolFarm.Storage.Documents.IDocumentStore>(new LlamaWoolFarm.Storage.Sqlite.SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
                SavesWorker.AddServices(b);
            });
    }

    private static List<string> Problems(BackupObjectStoreOptions options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }

    private static string Key(Guid player, Guid backup) => $"backups/{player:N}/{backup:N}.json";

    /// <summary>Revision 1 with 10 wool, a manual backup of it (exported), then revision 2 with 100 more (110 in all).</summary>
    private static async Task<BackupCreated> BackedUpThenPlayedOnAsync(SavesFixture saves, Guid player)
    {
        var start = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        await saves.SendAsync(Upload(player, 0, Played(start, 10)));
        var backup = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), player, null), default);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        await saves.SendAsync(Upload(player, 1, Played(await saves.CurrentAsync(player), 100)));
        return backup;
    }

    private Task<SavesFixture> StartAsync(SavesOptions? options = null) =>
        SavesFixture.StartAsync(
            options,
            bus: x => x.AddHandler<GetAccountStatus>(c => c.RespondAsync(
                new AccountStatus(c.Message.PlayerId, c.Message.PlayerId == DeletedPlayer ? AccountStatuses.Deleted : AccountStatuses.Active, null))),
            services: s =>
            {
                s.AddSingleton(Settings);
                SavesWorker.AddObjectStore(s);
            });

    private async Task<List<string>> KeysAsync(Guid player)
    {
        var page = await _raw.ListObjectsV2Async(new ListObjectsV2Request { BucketName = OwnS3Server.Bucket, Prefix = $"backups/{player:N}/" });
        return [.. (page.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];
    }

    private async Task<string> ObjectTextAsync(string key)
    {
        using var get = await _raw.GetObjectAsync(OwnS3Server.Bucket, key);
        return await new StreamReader(get.ResponseStream).ReadToEndAsync();
    }

    private Task PutRawAsync(string key, string body) =>
        _raw.PutObjectAsync(new PutObjectRequest { BucketName = OwnS3Server.Bucket, Key = key, ContentBody = body, UseChunkEncoding = false });
}
