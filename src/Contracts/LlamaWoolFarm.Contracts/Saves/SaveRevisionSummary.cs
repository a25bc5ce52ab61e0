namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// One revision: <c>Source</c> is <c>upload</c>, <c>conflict</c> (a device save that won a conflict), <c>keep</c>
/// (an explicit <c>keep: device</c>) or <c>restore</c> (with the backup restored).
/// </summary>
public sealed record SaveRevisionSummary(
    long Revision,
    string Source,
    string Checksum,
    string LifetimeWoolProduced,
    long TotalPrestiges,
    Guid? CommandId,
    Guid? RestoredFromBackupId,
    DateTimeOffset CreatedAt);
