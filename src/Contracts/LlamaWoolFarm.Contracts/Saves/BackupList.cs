namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>The player's backups, newest first.</summary>
public sealed record BackupList(Guid PlayerId, IReadOnlyList<BackupSummary> Backups);
