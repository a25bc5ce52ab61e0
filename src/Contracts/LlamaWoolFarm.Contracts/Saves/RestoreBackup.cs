namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// Makes a backup the current save as a new revision; the replaced state is kept as a <c>pre-restore</c> backup
/// first, so nothing is destroyed. Answered with <see cref="BackupRestored"/> or <see cref="BackupNotFound"/>.
/// </summary>
public sealed record RestoreBackup(Guid CommandId, Guid PlayerId, string? RequestId, Guid BackupId);
