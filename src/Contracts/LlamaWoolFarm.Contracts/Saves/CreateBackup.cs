namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>The player asks for a backup of the current state now; answered with <see cref="BackupCreated"/> (also published).</summary>
public sealed record CreateBackup(Guid CommandId, Guid PlayerId, string? RequestId);
