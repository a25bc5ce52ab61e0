namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>Request for the player's backups, newest first; answered with <see cref="BackupList"/>.</summary>
public sealed record ListBackups(Guid PlayerId);
