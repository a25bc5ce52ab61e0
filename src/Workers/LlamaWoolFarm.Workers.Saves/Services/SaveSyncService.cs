using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// Save sync (GAME_RULES §10): an upload is migrated, checked against its checksum, validated by the rules engine
/// against the state it was built on (with the effects of the events of its window), and then either becomes the next
/// revision (the game worker replaces the game state with optimistic concurrency, <see cref="IGameStates"/>) or, when another save was accepted from the same base meanwhile, competes by the
/// conflict rule; the loser is always kept as a restorable backup. A command id seen before is answered from the
/// head and never applied twice.
/// </summary>
public sealed class SaveSyncService(SaveRepository repository, IGameStates gameStates, BackupService backups, SaveEventWindows events, SavesOptions options, TimeProvider clock)
{
    public const string KeepServer = "server";
    public const string KeepDevice = "device";
    public const string UnknownBaseRevision = "UNKNOWN_BASE_REVISION";
    public const string ServerCandidate = "server";
    public const string DeviceCandidate = "device";

    private readonly SaveValidator _validator = SaveValidator.V1;

    public async Task<UploadResult> UploadAsync(UploadSave command, CancellationToken cancellationToken)
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
            return Replay(command, previous);
        }

        var document = Parse(command.Save);
        if (document is null)
        {
            return await RejectAsync(command, ErrorCodes.InvalidSave, "The save is not a JSON object.", [], head.Revision, now, cancellationToken);
        }

        if (!SaveChecksum.Verify(document, command.Checksum))
        {
            return await RejectAsync(command, ErrorCodes.IntegrityMismatch, "The checksum does not match the save.", [], head.Revision, now, cancellationToken);
        }

        var migration = SaveMigrator.Migrate(document);
        if (!migration.Success)
        {
            var message = migration.ErrorCode == ErrorCodes.UnsupportedSaveVersion
                ? $"Save schema version '{migration.FromVersion}' is not supported; known: {string.Join(", ", SaveMigrator.KnownVersions)}."
                : "The save does not have the shape of a game save.";
            return await RejectAsync(command, migration.ErrorCode ?? ErrorCodes.InvalidSave, message, [], head.Revision, now, cancellationToken);
        }

        var gameState = await gameStates.ReadOrCreateAsync(player, cancellationToken);
        if (gameState.SaveCommandId == command.CommandId)
        {
            // This command committed in an earlier attempt that stopped before its head outcome was written.
            return await FinishCommittedAsync(command, migration, head, headVersion, gameState, now, cancellationToken);
        }

        var recorded = head.Revision;
        head.Revision = SaveRepository.CurrentRevision(head, gameState);
        if (command.BaseRevision < 0 || command.BaseRevision > head.Revision)
        {
            return await RejectAsync(command, UnknownBaseRevision, $"Base revision {command.BaseRevision} is unknown; the current revision is {head.Revision}.", [], head.Revision, now, cancellationToken);
        }

        var current = gameState.State;
        if (command.Keep == KeepServer)
        {
            return await KeepServerAsync(command, head, headVersion, current, now, cancellationToken);
        }

        var conflict = command.BaseRevision < head.Revision;
        var baseState = conflict ? await LoadBaseAsync(player, command.BaseRevision, recorded, cancellationToken) : current;
        if (baseState is null)
        {
            return await RejectAsync(command, UnknownBaseRevision, $"Base revision {command.BaseRevision} is no longer in the history; download the current save.", [], head.Revision, now, cancellationToken);
        }

        // Bounded with the most generous effects of any event between the base and now: an honest save made during
        // double_wool produces twice the plain rate.
        var validation = _validator.Validate(baseState, migration.Save!, now, await events.GetAsync(cancellationToken));
        if (!validation.IsValid)
        {
            return await RejectAsync(command, ErrorCodes.SaveRejected, "The save breaks the rules listed.", validation.Violations, head.Revision, now, cancellationToken);
        }

        var accepted = validation.Accepted!;
        // Server-owned fields follow the current state, never the (possibly older) base or the device.
        accepted.GoldenFleece = current.GoldenFleece;
        accepted.CreatedAt = current.CreatedAt;
        accepted.LastGrantedAbsenceId = current.LastGrantedAbsenceId;
        var upload = new Applied(command, migration, accepted, baseState);
        if (!conflict)
        {
            return await ApplyAsync(upload, "upload", "accepted", null, head, headVersion, gameState, now, cancellationToken);
        }

        if (command.Keep == KeepDevice)
        {
            var kept = await backups.KeepAsync(BackupService.Conflict, DerivedId(command.CommandId, "server"), player, current, head.Revision, now, cancellationToken);
            return await ApplyAsync(upload, "keep", "accepted", kept, head, headVersion, gameState, now, cancellationToken);
        }

        var resolution = SaveConflictResolver.Resolve(
            new SaveCandidate(ServerCandidate, current.LifetimeWoolProduced, current.TotalPrestiges, head.UpdatedAt),
            new SaveCandidate(DeviceCandidate, accepted.LifetimeWoolProduced, accepted.TotalPrestiges, now));
        if (resolution.Winner.Id == DeviceCandidate)
        {
            var loser = await backups.KeepAsync(BackupService.Conflict, DerivedId(command.CommandId, "server"), player, current, head.Revision, now, cancellationToken);
            return await ApplyAsync(upload, "conflict", "conflict-device", loser, head, headVersion, gameState, now, cancellationToken, resolution.DecidedBy);
        }

        var deviceBackup = await backups.KeepAsync(BackupService.Conflict, DerivedId(command.CommandId, "device"), player, accepted, command.BaseRevision, now, cancellationToken);
        var record = new SaveOutcomeRecord
        {
            CommandId = command.CommandId,
            Kind = "conflict-server",
            BaseRevision = command.BaseRevision,
            Revision = head.Revision,
            Checksum = SaveChecksum.Compute(migration.Save!),
            MigrationSteps = [.. migration.StepsApplied],
            DecidedBy = resolution.DecidedBy,
            BackupId = deviceBackup,
            At = now,
        };
        head.RecentOutcomes.Add(record);
        await repository.WriteHeadAsync(player, head, headVersion, cancellationToken);
        return Replay(command, record) with { Conflict = ConflictOf(command, record, replayed: false) };
    }

    /// <summary>The current save: the player's game state as a save, at the head revision.</summary>
    public async Task<CurrentSave> GetCurrentAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var head = await repository.Heads.GetAsync(SaveRepository.Key(playerId), cancellationToken);
        var state = await gameStates.ReadOrCreateAsync(playerId, cancellationToken);
        var save = SaveConversion.ToSave(state.State);
        save.Revision = head?.Document.Revision ?? 0;
        var node = SaveJson.ToNode(save);
        return new CurrentSave(playerId, save.Revision, node.ToJsonString(), SaveChecksum.Compute(node), now);
    }

    public async Task<SaveHistory> GetHistoryAsync(GetSaveHistory query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, options.HistoryKeep);
        var head = await repository.Heads.GetAsync(SaveRepository.Key(query.PlayerId), cancellationToken);
        var revisions = await repository.Revisions.FindAsync("playerId", query.PlayerId.ToString(), limit, cancellationToken);
        return new SaveHistory(
            query.PlayerId,
            head?.Document.Revision ?? 0,
            [.. revisions.Select(r => r.Document).Select(r => new SaveRevisionSummary(
                r.Revision, r.Source, r.Checksum, r.State.LifetimeWoolProduced.ToString(), r.State.TotalPrestiges, r.CommandId, r.RestoredFromBackupId, r.CreatedAt))]);
    }

    /// <summary>A repeated command's answer, rebuilt from what the head recorded.</summary>
    internal static UploadResult Replay(UploadSave command, SaveOutcomeRecord record) => record.Kind switch
    {
        "conflict-device" or "conflict-server" => UploadResult.Of(ConflictOf(command, record, replayed: true)),
        _ => UploadResult.Of(new SaveAccepted(command.CommandId, command.PlayerId, record.Revision, record.Checksum, record.MigrationSteps, true, record.At)),
    };

    /// <summary>Ids derived from a command id, so a retried command writes the same backup instead of a second one.</summary>
    internal static Guid DerivedId(Guid commandId, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{commandId:N}:{purpose}"), hash);
        return new Guid(hash[..16]);
    }

    private static SaveConflictResolved ConflictOf(UploadSave command, SaveOutcomeRecord record, bool replayed) => new(
        command.CommandId,
        command.PlayerId,
        record.BaseRevision,
        record.Revision,
        record.Kind == "conflict-device" ? DeviceCandidate : ServerCandidate,
        record.DecidedBy ?? "",
        record.BackupId ?? Guid.Empty,
        replayed,
        record.At);

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<UploadResult> ApplyAsync(
        Applied upload,
        string source,
        string kind,
        Guid? backupId,
        SaveHead head,
        long headVersion,
        GameStateSnapshot gameState,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        string? decidedBy = null)
    {
        var command = upload.Command;
        var revision = head.Revision + 1;
        // The game-state write is the commit point: if the game worker or another upload wrote since we read, this
        // throws and the whole upload is retried against the newer state, so two never both win from one version.
        await gameStates.ReplaceAsync(gameState, upload.State, revision, command.CommandId, cancellationToken);
        var record = await RecordRevisionAsync(command, upload.Migration, upload.State, revision == 1 ? upload.BaseState : null, source, kind, backupId, decidedBy, head, headVersion, revision, now, cancellationToken);
        var result = Replay(command, record);
        return result.Conflict is not null
            ? result with { Conflict = ConflictOf(command, record, replayed: false) }
            : result with { Accepted = result.Accepted! with { Replayed = false } };
    }

    /// <summary>The records of an upload whose state write committed (<see cref="SaveRepository.RecordRevisionAsync"/>).</summary>
    private async Task<SaveOutcomeRecord> RecordRevisionAsync(
        UploadSave command,
        SaveMigrationResult migration,
        PlayerState state,
        PlayerState? baseState,
        string source,
        string kind,
        Guid? backupId,
        string? decidedBy,
        SaveHead head,
        long headVersion,
        long revision,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var save = migration.Save!;
        save.Revision = revision;
        var checksum = SaveChecksum.Compute(save);
        var revisionRecord = new SaveRevision
        {
            PlayerId = command.PlayerId,
            Revision = revision,
            BaseRevision = command.BaseRevision,
            Source = source,
            CommandId = command.CommandId,
            Checksum = checksum,
            Save = save,
            State = state,
            BaseState = baseState,
            CreatedAt = now,
        };
        var record = new SaveOutcomeRecord
        {
            CommandId = command.CommandId,
            Kind = kind,
            BaseRevision = command.BaseRevision,
            Revision = revision,
            Checksum = checksum,
            MigrationSteps = [.. migration.StepsApplied],
            DecidedBy = decidedBy,
            BackupId = backupId,
            At = now,
        };
        await repository.RecordRevisionAsync(revisionRecord, options.HistoryKeep, head, headVersion, record, cancellationToken);
        return record;
    }

    /// <summary>
    /// A redelivered upload whose state write committed but whose revision and head outcome were never written
    /// (the worker stopped in between): the state stays as committed and the missing records are written. The
    /// answer is a plain acceptance; the first attempt's conflict details, if it had any, are not recoverable.
    /// </summary>
    private async Task<UploadResult> FinishCommittedAsync(UploadSave command, SaveMigrationResult migration, SaveHead head, long headVersion, GameStateSnapshot gameState, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await RecordRevisionAsync(command, migration, gameState.State, null, "upload", "accepted", null, null, head, headVersion, gameState.SaveRevision, now, cancellationToken);
        var result = Replay(command, record);
        return result with { Accepted = result.Accepted! with { Replayed = true } };
    }

    private async Task<UploadResult> KeepServerAsync(UploadSave command, SaveHead head, long headVersion, PlayerState current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var save = SaveConversion.ToSave(current);
        save.Revision = head.Revision;
        var record = new SaveOutcomeRecord
        {
            CommandId = command.CommandId,
            Kind = "kept-server",
            BaseRevision = command.BaseRevision,
            Revision = head.Revision,
            Checksum = SaveChecksum.Compute(save),
            At = now,
        };
        head.RecentOutcomes.Add(record);
        await repository.WriteHeadAsync(command.PlayerId, head, headVersion, cancellationToken);
        return UploadResult.Of(new SaveAccepted(command.CommandId, command.PlayerId, head.Revision, record.Checksum, [], false, now));
    }

    // The base of an upload built on an older revision is the state that revision made current; revision 0's is
    // the state the first upload was validated against.
    // A revision newer than the head records was committed by an upload whose records are still being written:
    // its absence is transient, so the command is retried rather than refused.
    private async Task<PlayerState?> LoadBaseAsync(Guid playerId, long baseRevision, long recordedRevision, CancellationToken cancellationToken)
    {
        var needed = baseRevision == 0 ? 1 : baseRevision;
        var stored = await repository.Revisions.GetAsync(SaveRepository.RevisionKey(playerId, needed), cancellationToken);
        if (stored is null && needed > recordedRevision)
        {
            throw new ConcurrencyException("The base revision is committed but not yet recorded.", typeof(SaveRevision), playerId);
        }

        return baseRevision == 0 ? stored?.Document.BaseState : stored?.Document.State;
    }

    private async Task<UploadResult> RejectAsync(
        UploadSave command,
        string code,
        string message,
        IReadOnlyList<SaveRuleViolation> rules,
        long currentRevision,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Recorded for anti-cheat review; a repeated command finds its record and is not counted twice.
        await repository.Rejections.InsertAsync(
            SaveRepository.Key(command.CommandId),
            new SaveRejection
            {
                CommandId = command.CommandId,
                PlayerId = command.PlayerId,
                Code = code,
                Rules = [.. rules],
                BaseRevision = command.BaseRevision,
                Save = command.Save,
                At = now,
            },
            cancellationToken);
        return UploadResult.Of(new SaveRejected(
            command.CommandId,
            command.PlayerId,
            code,
            message,
            [.. rules.Select(r => new SaveRuleBroken(r.RuleId, r.Subject, r.Detail))],
            currentRevision,
            now));
    }

    private sealed record Applied(UploadSave Command, SaveMigrationResult Migration, PlayerState State, PlayerState BaseState);
}
