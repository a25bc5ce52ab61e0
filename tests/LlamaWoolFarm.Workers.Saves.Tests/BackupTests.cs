using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit.Scheduling;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

public sealed class BackupTests
{
    [Fact]
    public async Task A_restore_after_a_newer_save_keeps_both_in_history_and_destroys_nothing()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var backup = await BackedUpThenPlayedOnAsync(saves, player);
        Assert.Equal("110", Basic(await saves.StateAsync(player)));

        var (restored, notFound) = await saves.Backups.RestoreAsync(new RestoreBackup(Guid.NewGuid(), player, null, backup.Backup.BackupId), default);

        Assert.Null(notFound);
        Assert.Equal(3, restored!.Revision);
        Assert.Equal("10", Basic(await saves.StateAsync(player)));
        var history = await saves.Sync.GetHistoryAsync(new GetSaveHistory(player, 10), default);
        Assert.Equal([3L, 2L, 1L], history.Revisions.Select(r => r.Revision));
        Assert.Equal("restore", history.Revisions[0].Source);
        Assert.Equal(backup.Backup.BackupId, history.Revisions[0].RestoredFromBackupId);
        Assert.Equal("110", history.Revisions[1].LifetimeWoolProduced);
        var preRestore = (await saves.Backups.ListAsync(player, default)).Backups.Single(b => b.BackupId == restored.PreRestoreBackupId);
        Assert.Equal(BackupService.PreRestore, preRestore.Kind);
        Assert.Equal("110", preRestore.LifetimeWoolProduced);
    }

    [Fact]
    public async Task The_same_backup_or_restore_command_twice_does_it_once()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        var create = new CreateBackup(Guid.NewGuid(), player, null);

        var one = await saves.Backups.CreateManualAsync(create, default);
        var two = await saves.Backups.CreateManualAsync(create, default);
        var restore = new RestoreBackup(Guid.NewGuid(), player, null, one.Backup.BackupId);
        var r1 = (await saves.Backups.RestoreAsync(restore, default)).Restored!;
        var r2 = (await saves.Backups.RestoreAsync(restore, default)).Restored!;

        Assert.Equal(one.Backup.BackupId, two.Backup.BackupId);
        Assert.Equal(r1.Revision, r2.Revision);
        Assert.True(r2.Replayed);
        Assert.Equal(1, (await saves.CurrentAsync(player)).Revision);
    }

    [Fact]
    public async Task A_redelivered_restore_whose_state_committed_before_a_crash_is_finished_not_applied_again()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var backup = await BackedUpThenPlayedOnAsync(saves, player);
        var headBefore = (await saves.Repository.Heads.GetAsync(SaveRepository.Key(player)))!.Document;
        var restore = new RestoreBackup(Guid.NewGuid(), player, null, backup.Backup.BackupId);
        var first = (await saves.Backups.RestoreAsync(restore, default)).Restored!;
        var stateAfter = (await saves.StateAsync(player)).Revision;
        // The first attempt stopped after its state write: its revision and head outcome were never written.
        Assert.True(await saves.Repository.Revisions.DeleteAsync(SaveRepository.RevisionKey(player, 3)));
        var head = (await saves.Repository.Heads.GetAsync(SaveRepository.Key(player)))!;
        Assert.True(await saves.Repository.Heads.ReplaceAsync(SaveRepository.Key(player), headBefore, head.Version));

        var finished = (await saves.Backups.RestoreAsync(restore, default)).Restored!;

        Assert.Equal((3L, first.PreRestoreBackupId), (finished.Revision, finished.PreRestoreBackupId));
        Assert.Equal("10", Basic(await saves.StateAsync(player)));
        Assert.Equal(stateAfter, (await saves.StateAsync(player)).Revision);
        var history = await saves.Sync.GetHistoryAsync(new GetSaveHistory(player, 10), default);
        Assert.Equal(3, history.CurrentRevision);
        Assert.Equal([3L, 2L, 1L], history.Revisions.Select(r => r.Revision));
        var preRestore = Assert.Single((await saves.Backups.ListAsync(player, default)).Backups, b => b.Kind == BackupService.PreRestore);
        Assert.Equal(("110", first.PreRestoreBackupId), (preRestore.LifetimeWoolProduced, preRestore.BackupId));
        Assert.True((await saves.Backups.RestoreAsync(restore, default)).Restored!.Replayed);
    }

    [Fact]
    public async Task Another_players_backup_cannot_be_restored()
    {
        await using var saves = await SavesFixture.StartAsync();
        var owner = Guid.NewGuid();
        await saves.CurrentAsync(owner);
        var backup = await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), owner, null), default);

        var (restored, notFound) = await saves.Backups.RestoreAsync(new RestoreBackup(Guid.NewGuid(), Guid.NewGuid(), null, backup.Backup.BackupId), default);

        Assert.Null(restored);
        Assert.NotNull(notFound);
    }

    [Fact]
    public async Task Retention_keeps_n_daily_and_m_weekly_nightly_backups_and_every_manual_one()
    {
        await using var saves = await SavesFixture.StartAsync(new SavesOptions { BackupsDaily = 3, BackupsWeekly = 2 });
        var player = Guid.NewGuid();
        // 2026-01-01 is a Thursday; nightly runs at 03:00 back up the previous day's activity for 40 days.
        saves.Clock.Now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await saves.CurrentAsync(player);
        await saves.Backups.CreateManualAsync(new CreateBackup(Guid.NewGuid(), player, null), default);
        for (var day = 0; day < 40; day++)
        {
            await saves.Repository.MarkActiveAsync(player, saves.Clock.Now, default);
            saves.Clock.Advance(TimeSpan.FromHours(15));
            Assert.Equal(1, await saves.Backups.RunNightlyAsync(default));
            saves.Clock.Advance(TimeSpan.FromHours(9));
        }

        var backups = (await saves.Backups.ListAsync(player, default)).Backups;
        var nightlyDays = (await saves.Repository.Backups.FindAsync("playerId", player.ToString(), 100))
            .Select(b => b.Document).Where(b => b.Kind == BackupService.Nightly).Select(b => b.Day).Order().ToList();
        // Last day backed up: 2026-02-09 (Mon). Daily: 02-09, 02-08, 02-07; weekly, older: the newest of the
        // ISO weeks before: week of 02-02..02-08 -> 02-06 (Fri), then week 01-26..02-01 -> 02-01 (Sun).
        Assert.Equal(["2026-02-01", "2026-02-06", "2026-02-07", "2026-02-08", "2026-02-09"], nightlyDays);
        Assert.Single(backups, b => b.Kind == BackupService.Manual);
    }

    [Fact]
    public async Task The_nightly_run_backs_up_players_who_played_once_even_when_run_twice()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        await saves.Harness.Bus.Publish(new DailyPlayStarted(player, Guid.NewGuid(), saves.Clock.Now));
        Assert.True(await saves.Harness.Consumed.Any<DailyPlayStarted>());
        saves.Clock.Advance(TimeSpan.FromDays(1));

        await saves.Harness.Bus.Publish(new RunNightlyBackups("test"));
        Assert.True(await saves.Harness.Consumed.Any<RunNightlyBackups>());
        var afterFirst = (await saves.Backups.ListAsync(player, default)).Backups;
        await saves.Backups.RunNightlyAsync(default);
        await saves.Repository.MarkActiveAsync(player, saves.Clock.Now.AddDays(-1), default);
        await saves.Backups.RunNightlyAsync(default);

        var nightly = Assert.Single(afterFirst);
        Assert.Equal(BackupService.Nightly, nightly.Kind);
        Assert.Equal([nightly.BackupId], (await saves.Backups.ListAsync(player, default)).Backups.Select(b => b.BackupId));
    }

    [Fact]
    public async Task The_nightly_schedule_is_sent_to_the_scheduler_as_a_recurring_schedule()
    {
        await using var saves = await SavesFixture.StartAsync();

        await NightlyBackupSchedule.RegisterAsync(saves.Provider, "0 0 3 * * ?", default);

        Assert.True(await saves.Harness.Sent.Any<ScheduleRecurringMessage>());
        var sent = saves.Harness.Sent.Select<ScheduleRecurringMessage>().Single();
        Assert.Equal(LlamaWoolFarm.ServiceDefaults.Messaging.MessageSchedulerEndpoint.DefaultQueue, sent.Context.DestinationAddress!.AbsolutePath.TrimStart('/'));
        Assert.Equal(NightlyBackupSchedule.ScheduleId, sent.Context.Message.Schedule.ScheduleId);
        Assert.Equal("0 0 3 * * ?", sent.Context.Message.Schedule.CronExpression);
        Assert.EndsWith("run-nightly-backups", sent.Context.Message.Destination.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Revision 1 with 10 wool, a manual backup of it, then revision 2 with 100 more (110 in all).</summary>
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
}
