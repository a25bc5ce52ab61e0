using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Workers.Saves.ObjectStore;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// Backups of players' saves: manual ones on request, the losers of conflicts, the state a restore replaced, and
/// a nightly one of every player active since the last run, pruned by the retention policy. A restore makes the
/// backup the next revision and destroys nothing. With an object store configured (<see cref="BackupObjectStoreOptions"/>)
/// every backup is also exported to the bucket (<see cref="BackupExports"/>), the list merges the bucket's backups the
/// primary store no longer has, a restore falls back to the bucket, and retention prunes both.
/// </summary>
public sealed class BackupService(
    SaveRepository repository,
    IGameStates gameStates,
    SavesOptions options,
    TimeProvider clock,
    ILogger<BackupService> logger,
    BackupObjectStore? objectStore = null,
    BackupExports? exports = null)
{
    public const string Manual = "manual";
    public const string Nightly = "nightly";
    public const string Conflict = "conflict";
    public const string PreRestore = "pre-restore";

    private const int MaxListed = 1000;
    private const int NightlyBatch = 200;

    /// <summary>Keeps <paramref name="state"/> as a backup with a caller-chosen id; writing the same id twice keeps the first.</summary>
    public async Task<Guid> KeepAsync(string kind, Guid backupId, Guid playerId, PlayerState state, long revision, DateTimeOffset now, CancellationToken cancellationToken, string? day = null)
    {
        var save = SaveConversion.ToSave(state);
        save.Revision = revision;
        if (exports is not null)
        {
            // Marked before it exists: a crash between the two leaves a marker whose backup is missing (dropped), never
            // a backup nobody will export.
            await exports.QueueAsync(backupId, playerId, cancellationToken);
        }

        await repository.Backups.InsertAsync(
            SaveRepository.Key(backupId),
            new SaveBackup
            {
                BackupId = backupId,
                PlayerId = playerId,
                Kind = kind,
                Day = day ?? SaveRepository.Day(now),
                Revision = revision,
                Checksum = SaveChecksum.Compute(save),
                Save = save,
                State = state.Clone(),
                CreatedAt = now,
            },
            cancellationToken);
        return backupId;
    }

    /// <summary>A manual backup of the current state; its id is the command id, so a repeated request makes one backup.</summary>
    public async Task<BackupCreated> CreateManualAsync(CreateBackup command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await repository.Backups.GetAsync(SaveRepository.Key(command.CommandId), cancellationToken);
        if (existing is null || existing.Document.PlayerId != command.PlayerId)
        {
            var head = await repository.Heads.GetAsync(SaveRepository.Key(command.PlayerId), cancellationToken);
            var state = await gameStates.ReadOrCreateAsync(command.PlayerId, cancellationToken);
            await KeepAsync(Manual, command.CommandId, command.PlayerId, state.State, head?.Document.Revision ?? 0, now, cancellationToken);
            await ExportNowAsync(command.CommandId, cancellationToken);
            existing = await repository.Backups.GetAsync(SaveRepository.Key(command.CommandId), cancellationToken);
        }

        return new BackupCreated(command.CommandId, command.PlayerId, Summary(existing!.Document));
    }

    /// <summary>
    /// The player's backups, newest first: the primary store's, and those only the bucket still holds (the primary
    /// store lost them). With the bucket unreachable, the primary store's alone.
    /// </summary>
    public async Task<BackupList> ListAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var backups = await AllBackupsAsync(playerId, cancellationToken);
        return new BackupList(playerId, [.. backups.OrderByDescending(b => b.CreatedAt).Take(MaxListed).Select(Summary)]);
    }

    /// <summary>
    /// Restores a backup as the next revision. The state it replaces is first kept as a pre-restore backup, and
    /// the revisions before stay in the history. Golden Fleece stays the server's current amount.
    /// </summary>
    public async Task<(BackupRestored? Restored, BackupNotFound? NotFound)> RestoreAsync(RestoreBackup command, CancellationToken cancellationToken)
    {
        var player = command.PlayerId;
        using var gate = await repository.LockAsync(player, cancellationToken);
        var now = clock.GetUtcNow();
        var headRead = await repository.Heads.GetAsync(SaveRepository.Key(player), cancellationToken);
        var head = headRead?.Document ?? new SaveHead { PlayerId = player };
        var headVersion = headRead?.Version ?? 0;
        var previous = head.RecentOutcomes.Find(o => o.CommandId == command.CommandId);
        if (previous is not null)
        {
            return (new BackupRestored(command.CommandId, player, previous.RestoredFromBackupId ?? command.BackupId, previous.Revision, previous.BackupId ?? Guid.Empty, true, previous.At), null);
        }

        var backup = (await repository.Backups.GetAsync(SaveRepository.Key(command.BackupId), cancellationToken))?.Document;
        if (backup is null && objectStore is not null)
        {
            // The primary store lost it: the bucket's copy, filed under this player only, checked before use. An
            // outage of the bucket throws (the gateway answers 503, retry), it is not "no such backup".
            try
            {
                backup = await objectStore.GetAsync(player, command.BackupId, cancellationToken);
            }
            catch (BackupObjectUnreadableException e)
            {
                logger.LogError(e, "Refused to restore an unreadable backup object {BackupId} of player {PlayerId}", command.BackupId, player);
            }
        }

        if (backup is null || backup.PlayerId != player)
        {
            return (null, new BackupNotFound(command.CommandId, player, command.BackupId));
        }

        var gameState = await gameStates.ReadOrCreateAsync(player, cancellationToken);
        var current = gameState.State;
        var preRestoreId = SaveSyncService.DerivedId(command.CommandId, PreRestore);
        long revision;
        PlayerState restored;
        if (gameState.SaveCommandId == command.CommandId)
        {
            // An earlier attempt committed this restore and stopped before its records: the state it wrote is the
            // restore, and its pre-restore backup was kept before that write (the id is derived from the command).
            revision = gameState.SaveRevision;
            restored = current;
        }
        else
        {
            revision = SaveRepository.CurrentRevision(head, gameState) + 1;
            await KeepAsync(PreRestore, preRestoreId, player, current, revision - 1, now, cancellationToken);
            restored = Restored(backup.State, current, now);
            await gameStates.ReplaceAsync(gameState, restored, revision, command.CommandId, cancellationToken);
        }

        var save = SaveConversion.ToSave(restored);
        save.Revision = revision;
        var checksum = SaveChecksum.Compute(save);
        var outcome = new SaveOutcomeRecord
        {
            CommandId = command.CommandId,
            Kind = "restored",
            BaseRevision = revision - 1,
            Revision = revision,
            Checksum = checksum,
            BackupId = preRestoreId,
            RestoredFromBackupId = command.BackupId,
            At = now,
        };
        var record = new SaveRevision
        {
            PlayerId = player,
            Revision = revision,
            BaseRevision = revision - 1,
            Source = "restore",
            CommandId = command.CommandId,
            RestoredFromBackupId = command.BackupId,
            Checksum = checksum,
            Save = save,
            State = restored,
            CreatedAt = now,
        };
        await repository.RecordRevisionAsync(record, options.HistoryKeep, head, headVersion, outcome, cancellationToken);
        return (new BackupRestored(command.CommandId, player, command.BackupId, revision, preRestoreId, false, now), null);
    }

    // The backup's progress with the server-owned fields of the current state (Golden Fleece, creation, granted
    // absences) and the clocks restarted now, so no offline time is counted across the restore.
    private static PlayerState Restored(PlayerState backup, PlayerState current, DateTimeOffset now)
    {
        var restored = backup.Clone();
        restored.PlayerId = current.PlayerId;
        restored.GoldenFleece = current.GoldenFleece;
        restored.CreatedAt = current.CreatedAt;
        restored.LastGrantedAbsenceId = current.LastGrantedAbsenceId;
        restored.PendingOffline = null;
        restored.LastMaterializedAt = now;
        restored.LastActiveAt = now;
        restored.SpendClicksUntil(now);
        return restored;
    }

    /// <summary>
    /// Backs up every player marked active on a day before today (looking back a week, so a missed night is caught
    /// up), applies the retention policy to each, and consumes the marks. Running it twice makes no second backup:
    /// a player's nightly backup id is derived from the player and the day.
    /// </summary>
    public async Task<int> RunNightlyAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var count = 0;
        for (var back = options.NightlyLookBackDays; back >= 1; back--)
        {
            var day = today.AddDays(-back).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            while (true)
            {
                var marks = await repository.Activity.FindAsync("day", day, NightlyBatch, cancellationToken);
                if (marks.Count == 0)
                {
                    break;
                }

                foreach (var mark in marks)
                {
                    await BackUpNightlyAsync(mark.Document.PlayerId, day, now, cancellationToken);
                    await repository.Activity.DeleteAsync(mark.Id, cancellationToken);
                    count++;
                }
            }
        }

        logger.LogInformation("Nightly backups: {Count} players backed up", count);
        if (exports is not null)
        {
            // Whatever an outage left waiting since the last retry.
            await exports.ExportPendingAsync(cancellationToken);
        }

        return count;
    }

    /// <summary>
    /// Deletes the player's nightly backups the retention policy does not keep, from the primary store and the bucket
    /// alike (the policy counts both, so a copy the bucket kept through an outage is pruned by the next run).
    /// </summary>
    public async Task<int> ApplyRetentionAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await repository.Backups.FindAsync("playerId", playerId.ToString(), MaxListed, cancellationToken);
        var inBucket = await BucketIdsAsync(playerId, cancellationToken);
        var all = await WithBucketOnlyAsync(playerId, [.. stored.Select(s => s.Document)], inBucket, cancellationToken);
        var doomed = BackupRetention.ToDelete(all, options.BackupsDaily, options.BackupsWeekly);
        foreach (var backup in doomed)
        {
            await repository.Backups.DeleteAsync(SaveRepository.Key(backup.BackupId), cancellationToken);
            if (objectStore is not null && inBucket?.Contains(backup.BackupId) == true)
            {
                try
                {
                    await objectStore.DeleteAsync(playerId, backup.BackupId, cancellationToken);
                }
                catch (BackupObjectStoreUnavailableException e)
                {
                    logger.LogWarning(e, "Nightly backup {BackupId} past retention stays in the bucket until the next run", backup.BackupId);
                }
            }
        }

        return doomed.Count;
    }

    /// <summary>Deletes every object of the player from the bucket (a purge); throws while the bucket is unreachable, so the purge is retried.</summary>
    public async Task<long> PurgeObjectsAsync(Guid playerId, CancellationToken cancellationToken)
    {
        if (objectStore is null)
        {
            return 0;
        }

        var ids = await objectStore.ListAsync(playerId, cancellationToken);
        foreach (var id in ids)
        {
            await objectStore.DeleteAsync(playerId, id, cancellationToken);
        }

        return ids.Count;
    }

    private static BackupSummary Summary(SaveBackup backup) => new(
        backup.BackupId,
        backup.Kind,
        backup.Revision,
        backup.Checksum,
        backup.State.LifetimeWoolProduced.ToString(),
        backup.State.TotalPrestiges,
        backup.CreatedAt);

    /// <summary>Manual and nightly backups go out at once; an outage leaves them marked for the retry.</summary>
    private async Task ExportNowAsync(Guid backupId, CancellationToken cancellationToken)
    {
        if (exports is not null)
        {
            await exports.ExportAsync(backupId, cancellationToken);
        }
    }

    private async Task<List<SaveBackup>> AllBackupsAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await repository.Backups.FindAsync("playerId", playerId.ToString(), MaxListed, cancellationToken);
        return await WithBucketOnlyAsync(playerId, [.. stored.Select(s => s.Document)], await BucketIdsAsync(playerId, cancellationToken), cancellationToken);
    }

    /// <summary>The ids of the player's objects in the bucket; null without a bucket or while it is unreachable.</summary>
    private async Task<HashSet<Guid>?> BucketIdsAsync(Guid playerId, CancellationToken cancellationToken)
    {
        if (objectStore is null)
        {
            return null;
        }

        try
        {
            return [.. await objectStore.ListAsync(playerId, cancellationToken)];
        }
        catch (BackupObjectStoreUnavailableException e)
        {
            logger.LogWarning(e, "Backups of player {PlayerId} listed from the primary store only", playerId);
            return null;
        }
    }

    /// <summary><paramref name="primary"/> plus the bucket's backups it lacks (read and checked; an unreadable one is left out).</summary>
    private async Task<List<SaveBackup>> WithBucketOnlyAsync(Guid playerId, List<SaveBackup> primary, HashSet<Guid>? inBucket, CancellationToken cancellationToken)
    {
        if (objectStore is null || inBucket is null)
        {
            return primary;
        }

        var known = primary.Select(b => b.BackupId).ToHashSet();
        foreach (var id in inBucket.Where(id => !known.Contains(id)))
        {
            try
            {
                if (await objectStore.GetAsync(playerId, id, cancellationToken) is { } backup)
                {
                    primary.Add(backup);
                }
            }
            catch (BackupObjectUnreadableException e)
            {
                logger.LogError(e, "Backup object {BackupId} of player {PlayerId} is unreadable and left out", id, playerId);
            }
            catch (BackupObjectStoreUnavailableException e)
            {
                logger.LogWarning(e, "Backup object {BackupId} of player {PlayerId} could not be read", id, playerId);
                break;
            }
        }

        return primary;
    }

    private async Task BackUpNightlyAsync(Guid playerId, string day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await gameStates.ReadAsync(playerId, create: false, cancellationToken);
        if (state?.State is { } current && !string.IsNullOrEmpty(current.PlayerId))
        {
            var head = await repository.Heads.GetAsync(SaveRepository.Key(playerId), cancellationToken);
            var id = SaveSyncService.DerivedId(playerId, $"{Nightly}:{day}");
            // Filed under the day of the activity it covers, which retention counts by.
            await KeepAsync(Nightly, id, playerId, current, head?.Document.Revision ?? 0, now, cancellationToken, day);
            await ExportNowAsync(id, cancellationToken);
        }

        await ApplyRetentionAsync(playerId, cancellationToken);
    }
}
