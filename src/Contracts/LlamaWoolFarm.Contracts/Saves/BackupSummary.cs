namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>One restorable backup of a player's save.</summary>
public sealed record BackupSummary(
    Guid BackupId,
    string Kind,
    long Revision,
    string Checksum,
    string LifetimeWoolProduced,
    long TotalPrestiges,
    DateTimeOffset CreatedAt);
