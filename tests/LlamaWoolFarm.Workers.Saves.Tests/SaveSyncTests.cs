using System.Text.Json.Nodes;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

public sealed class SaveSyncTests
{
    [Fact]
    public async Task The_same_upload_sent_twice_over_the_bus_applies_once()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var upload = Upload(player, 0, Played(current, 40));
        var client = saves.Harness.GetRequestClient<UploadSave>();

        var first = await client.GetResponse<SaveAccepted, SaveRejected, SaveConflictResolved>(upload);
        var second = await client.GetResponse<SaveAccepted, SaveRejected, SaveConflictResolved>(upload);

        Assert.True(first.Is(out Response<SaveAccepted>? a1));
        Assert.True(second.Is(out Response<SaveAccepted>? a2));
        Assert.Equal(1, a1!.Message.Revision);
        Assert.False(a1.Message.Replayed);
        Assert.Equal(1, a2!.Message.Revision);
        Assert.True(a2.Message.Replayed);
        Assert.Equal("40", Basic(await saves.StateAsync(player)));
        var history = await saves.Sync.GetHistoryAsync(new GetSaveHistory(player, 10), CancellationToken.None);
        Assert.Single(history.Revisions);
        Assert.True(await saves.Harness.Published.Any<SaveAccepted>(p => p.Context.Message.CommandId == upload.CommandId));
    }

    [Fact]
    public async Task Two_devices_racing_from_one_base_give_one_winner_no_summed_amounts_and_a_restorable_loser()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var phone = Upload(player, 0, Played(current, 30));
        var tablet = Upload(player, 0, Played(current, 70));
        // Two services over one store race like two worker processes: only optimistic versions stand between them.
        var other = new SaveSyncService(
            new SaveRepository(saves.Store),
            saves.GameStates,
            new BackupService(new SaveRepository(saves.Store), saves.GameStates, new SavesOptions(), saves.Clock, NullLogger<BackupService>.Instance),
            new SaveEventWindows(saves.Store),
            new SavesOptions(),
            saves.Clock);

        var results = await Task.WhenAll(RetryAsync(() => saves.Sync.UploadAsync(phone, default)), RetryAsync(() => other.UploadAsync(tablet, default)));

        var state = await saves.StateAsync(player);
        Assert.Equal("70", Basic(state));
        Assert.Equal("70", state.LifetimeWoolProduced.ToString());
        var conflict = Assert.Single(results, r => r.Conflict is not null).Conflict!;
        Assert.Equal(SaveConflictResolver.ByLifetimeWool, conflict.DecidedBy);
        var loser = (await saves.Backups.ListAsync(player, default)).Backups.Single(b => b.BackupId == conflict.LoserBackupId);
        Assert.Equal(BackupService.Conflict, loser.Kind);
        Assert.Equal("30", loser.LifetimeWoolProduced);

        var restored = await saves.Backups.RestoreAsync(new RestoreBackup(Guid.NewGuid(), player, null, loser.BackupId), default);

        Assert.NotNull(restored.Restored);
        Assert.Equal("30", Basic(await saves.StateAsync(player)));
    }

    [Fact]
    public async Task An_upload_that_read_before_another_was_recorded_in_the_head_becomes_a_conflict_not_an_overwrite()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        // Another process committed an upload (the game-state write) and has not written its head outcome yet.
        var committed = await saves.GameStates.ReadOrCreateAsync(player, default);
        var other = committed.State.Clone();
        other.WoolCounts["basic"] = Domain.Numbers.BigNumber.FromDouble(70);
        other.LifetimeWoolProduced = Domain.Numbers.BigNumber.FromDouble(70);
        other.RunWoolProduced = Domain.Numbers.BigNumber.FromDouble(70);
        var initial = committed.State.Clone();
        await saves.GameStates.ReplaceAsync(committed, other, 1, Guid.NewGuid(), default);
        var upload = Upload(player, 0, Played(current, 30));
        // Until its revision document is written the base cannot be read: the upload is retried, never refused.
        await Assert.ThrowsAsync<ConcurrencyException>(() => saves.SendAsync(upload));
        await saves.Repository.AddRevisionAsync(
            new SaveRevision { PlayerId = player, Revision = 1, Source = "upload", State = other, BaseState = initial, CreatedAt = saves.Clock.GetUtcNow() },
            10,
            default);

        var result = await saves.SendAsync(upload);

        var conflict = Assert.IsType<SaveConflictResolved>(result.Conflict);
        Assert.Equal(SaveSyncService.ServerCandidate, conflict.Winner);
        Assert.Equal(1, conflict.CurrentRevision);
        Assert.Equal("70", Basic(await saves.StateAsync(player)));
    }

    [Fact]
    public async Task A_redelivered_upload_whose_state_committed_before_a_crash_is_finished_not_applied_again()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var upload = Upload(player, 0, Played(current, 40));
        // The first attempt wrote the state as revision 1 and stopped before the revision and the head.
        var read = await saves.GameStates.ReadOrCreateAsync(player, default);
        var applied = read.State.Clone();
        applied.WoolCounts["basic"] = Domain.Numbers.BigNumber.FromDouble(40);
        await saves.GameStates.ReplaceAsync(read, applied, 1, upload.CommandId, default);

        var result = await saves.SendAsync(upload);

        Assert.Equal(1, result.Accepted!.Revision);
        Assert.Equal("40", Basic(await saves.StateAsync(player)));
        var history = await saves.Sync.GetHistoryAsync(new GetSaveHistory(player, 10), default);
        Assert.Equal(1, history.CurrentRevision);
        Assert.Single(history.Revisions);
        Assert.True((await saves.SendAsync(upload)).Accepted!.Replayed);
    }

    [Fact]
    public async Task A_later_upload_from_an_old_base_that_produced_less_loses_and_is_kept_then_keep_device_makes_it_current()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull((await saves.SendAsync(Upload(player, 0, Played(current, 80)))).Accepted);
        var stale = Played(current, 20);

        var lost = (await saves.SendAsync(Upload(player, 0, stale))).Conflict!;

        Assert.Equal(SaveSyncService.ServerCandidate, lost.Winner);
        Assert.Equal(1, lost.CurrentRevision);
        Assert.Equal("80", Basic(await saves.StateAsync(player)));
        Assert.Contains((await saves.Backups.ListAsync(player, default)).Backups, b => b.BackupId == lost.LoserBackupId && b.LifetimeWoolProduced == "20");

        var kept = (await saves.SendAsync(Upload(player, 0, stale, keep: SaveSyncService.KeepDevice))).Accepted!;

        Assert.Equal(2, kept.Revision);
        Assert.Equal("20", Basic(await saves.StateAsync(player)));
        var history = await saves.Sync.GetHistoryAsync(new GetSaveHistory(player, 10), default);
        Assert.Equal([2L, 1L], history.Revisions.Select(r => r.Revision));
        Assert.Equal("keep", history.Revisions[0].Source);
    }

    [Fact]
    public async Task Keep_server_changes_nothing()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        await saves.SendAsync(Upload(player, 0, Played(current, 50)));

        var kept = (await saves.SendAsync(Upload(player, 0, Played(current, 10), keep: SaveSyncService.KeepServer))).Accepted!;

        Assert.Equal(1, kept.Revision);
        Assert.Equal("50", Basic(await saves.StateAsync(player)));
    }

    [Fact]
    public async Task An_inflated_save_is_refused_naming_the_rule_and_nothing_changes()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var inflated = Played(current, 40);
        inflated["woolCounts"]!["basic"] = "1e30";

        var rejected = (await saves.SendAsync(Upload(player, 0, inflated))).Rejected!;

        Assert.Equal("SAVE_REJECTED", rejected.Code);
        Assert.Contains(rejected.Rules, r => r.Rule == SaveRules.ProductionExceedsBound && r.Subject == "basic");
        Assert.Equal(0, rejected.CurrentRevision);
        Assert.Equal("0", Basic(await saves.StateAsync(player)));
        Assert.Equal(0, (await saves.CurrentAsync(player)).Revision);
        var recorded = await saves.Repository.Rejections.FindAsync("playerId", player.ToString(), 10);
        Assert.Contains(Assert.Single(recorded).Document.Rules, r => r.RuleId == SaveRules.ProductionExceedsBound);
    }

    [Fact]
    public async Task An_old_schema_is_migrated_and_accepted()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var old = JsonNode.Parse($$$"""{"version":"0.9.0","timestamp":{{{saves.Clock.Now.ToUnixTimeMilliseconds()}}},"woolCounts":{"basic":"25"},"buildings":{}}""")!.AsObject();

        var accepted = (await saves.SendAsync(Upload(player, 0, old))).Accepted!;

        Assert.Equal(["0.9.0->1.0.0"], accepted.MigrationSteps);
        var state = await saves.StateAsync(player);
        Assert.Equal("25", Basic(state));
        Assert.Equal("25", state.LifetimeWoolProduced.ToString());
    }

    [Fact]
    public async Task A_future_schema_is_refused()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        var future = Played(current, 1);
        future["schemaVersion"] = "2.0.0";

        var rejected = (await saves.SendAsync(Upload(player, 0, future))).Rejected!;

        Assert.Equal("UNSUPPORTED_SAVE_VERSION", rejected.Code);
        Assert.Contains("2.0.0", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_checksum_is_refused_and_the_right_one_accepted()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var save = Played(current, 12);
        var right = Checksum(save);
        var wrong = string.Concat(right.AsSpan(0, right.Length - 1), right[^1] == '0' ? "1" : "0");

        var refused = (await saves.SendAsync(Upload(player, 0, save, wrong))).Rejected!;
        var accepted = (await saves.SendAsync(Upload(player, 0, save, right))).Accepted;

        Assert.Equal("INTEGRITY_MISMATCH", refused.Code);
        Assert.NotNull(accepted);
    }

    [Fact]
    public async Task Malformed_saves_and_unknown_bases_are_refused_with_their_codes()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);

        var notJson = (await saves.Sync.UploadAsync(new UploadSave(Guid.NewGuid(), player, null, 0, "[1,2]", null, null), default)).Rejected!;
        var ahead = (await saves.SendAsync(Upload(player, 5, Played(current, 0)))).Rejected!;

        Assert.Equal("INVALID_SAVE", notJson.Code);
        Assert.Equal(SaveSyncService.UnknownBaseRevision, ahead.Code);
    }

    [Fact]
    public async Task The_current_save_downloads_with_its_checksum_and_revision()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var before = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        await saves.SendAsync(Upload(player, 0, Played(before, 9)));

        var after = await saves.CurrentAsync(player);

        Assert.Equal(1, after.Revision);
        var save = JsonNode.Parse(after.Save)!.AsObject();
        Assert.Equal(after.Checksum, Checksum(save));
        Assert.Equal("9", save["woolCounts"]!["basic"]!.GetValue<string>());
        Assert.Equal(player.ToString("N"), save["playerId"]!.GetValue<string>());
    }

    private static async Task<UploadResult> RetryAsync(Func<Task<UploadResult>> attempt)
    {
        // What the receive policy does with a version conflict: retry after a growing pause.
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrencyException) when (i < 8)
            {
                await Task.Delay(10 * (i + 1));
            }
        }
    }
}
