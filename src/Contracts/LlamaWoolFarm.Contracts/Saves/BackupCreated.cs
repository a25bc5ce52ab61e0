namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// A backup exists: <c>Kind</c> is <c>manual</c>, <c>nightly</c>, <c>conflict</c> (the loser of a conflict) or
/// <c>pre-restore</c> (the state a restore replaced).
/// </summary>
public sealed record BackupCreated(Guid CommandId, Guid PlayerId, BackupSummary Backup);
