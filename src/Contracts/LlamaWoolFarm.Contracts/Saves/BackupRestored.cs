namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>A backup became the current save at <c>Revision</c>; <c>PreRestoreBackupId</c> holds the state it replaced.</summary>
public sealed record BackupRestored(
    Guid CommandId,
    Guid PlayerId,
    Guid BackupId,
    long Revision,
    Guid PreRestoreBackupId,
    bool Replayed,
    DateTimeOffset RestoredAt);
