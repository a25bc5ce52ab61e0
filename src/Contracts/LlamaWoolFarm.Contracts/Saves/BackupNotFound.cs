namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>The player has no backup with this id (another player's backup is reported the same way).</summary>
public sealed record BackupNotFound(Guid CommandId, Guid PlayerId, Guid BackupId);
