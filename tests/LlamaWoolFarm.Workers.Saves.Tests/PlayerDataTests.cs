using System.Text.Json;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Contracts.Saves;
using MassTransit;
using MassTransit.Testing;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>The saves module's parts of exporting and purging a player's data, and restores refused for a deleted player.</summary>
public sealed class PlayerDataTests
{
    private static readonly Guid Deleted = Guid.NewGuid();

    [Fact]
    public async Task The_saves_and_backups_parts_export_what_is_stored_then_purge_it_and_only_it()
    {
        await using var saves = await SavesFixture.StartAsync();
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var who in new[] { player, other })
        {
            var start = await saves.CurrentAsync(who);
            // Ten clicks take half a second of server time (an upload at the download's instant may hold none).
            saves.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.NotNull((await saves.SendAsync(Upload(who, 0, Played(start, 10)))).Accepted);
            await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), who, null), default);
        }

        var client = saves.Harness.GetRequestClient<ExportPlayerData>();
        var savesExport = (await client.GetResponse<PlayerDataExport>(new ExportPlayerData(player, PlayerDataParts.Saves))).Message;
        var backupsExport = (await client.GetResponse<PlayerDataExport>(new ExportPlayerData(player, PlayerDataParts.Backups))).Message;
        using (var json = JsonDocument.Parse(savesExport.Json))
        {
            Assert.Equal(1, json.RootElement.GetProperty("head").GetProperty("revision").GetInt64());
            Assert.Equal("upload", json.RootElement.GetProperty("revisions")[0].GetProperty("source").GetString());
        }

        using (var json = JsonDocument.Parse(backupsExport.Json))
        {
            Assert.Equal("manual", json.RootElement.GetProperty("backups")[0].GetProperty("kind").GetString());
        }

        var deletion = Guid.NewGuid();
        await saves.Harness.Bus.Publish(new PurgePlayerData(player, deletion, PlayerDataParts.Saves, 1));
        await saves.Harness.Bus.Publish(new PurgePlayerData(player, deletion, PlayerDataParts.Backups, 1));
        await saves.Harness.Bus.Publish(new PurgePlayerData(player, deletion, PlayerDataParts.Game, 1));

        Assert.True(await WaitAsync(() => saves.Harness.Published.Select<PlayerDataPurged>().Count() >= 2));
        await saves.Harness.InactivityTask;
        var purged = saves.Harness.Published.Select<PlayerDataPurged>().Select(m => m.Context.Message).ToList();
        Assert.Equal([PlayerDataParts.Backups, PlayerDataParts.Saves], purged.Select(p => p.Part).Order());
        Assert.All(purged, p => Assert.True(p.Removed > 0));
        Assert.Null(await saves.Repository.Heads.GetAsync(player.ToString("N")));
        Assert.Empty(await saves.Repository.Revisions.FindAsync("playerId", player.ToString(), 10));
        Assert.Empty((await saves.Backups.ListAsync(player, default)).Backups);
        Assert.Single((await saves.Backups.ListAsync(other, default)).Backups);
        Assert.NotEmpty(await saves.Repository.Revisions.FindAsync("playerId", other.ToString(), 10));
    }

    [Fact]
    public async Task A_backup_of_a_deleted_player_is_never_restored_even_if_a_restored_database_still_holds_it()
    {
        await using var saves = await SavesFixture.StartAsync(bus: x => x.AddHandler<GetAccountStatus>(c => c.RespondAsync(
            new AccountStatus(c.Message.PlayerId, c.Message.PlayerId == Deleted ? AccountStatuses.Deleted : AccountStatuses.Active, null))));
        var live = Guid.NewGuid();
        await saves.CurrentAsync(Deleted);
        await saves.CurrentAsync(live);
        var gone = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), Deleted, null), default);
        var kept = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), live, null), default);
        var client = saves.Harness.GetRequestClient<RestoreBackup>();

        var refused = await client.GetResponse<BackupRestored, BackupNotFound>(new RestoreBackup(Guid.NewGuid(), Deleted, null, gone.Backup.BackupId));
        var restored = await client.GetResponse<BackupRestored, BackupNotFound>(new RestoreBackup(Guid.NewGuid(), live, null, kept.Backup.BackupId));

        Assert.True(refused.Is(out Response<BackupNotFound>? _));
        Assert.True(restored.Is(out Response<BackupRestored>? _));
        Assert.Null(await saves.Repository.Heads.GetAsync(Deleted.ToString("N")));
        Assert.False(saves.Harness.Published.Select<BackupRestored>(m => m.Context.Message.PlayerId == Deleted).Any());
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return condition();
    }
}
