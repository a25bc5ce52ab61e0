namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// Two saves competed for the same base revision and amounts were not added together: <c>Winner</c> (<c>server</c>
/// or <c>device</c>) is current at <c>CurrentRevision</c>, decided by <c>DecidedBy</c>, and the other was kept as
/// the restorable backup <c>LoserBackupId</c>.
/// </summary>
public sealed record SaveConflictResolved(
    Guid CommandId,
    Guid PlayerId,
    long BaseRevision,
    long CurrentRevision,
    string Winner,
    string DecidedBy,
    Guid LoserBackupId,
    bool Replayed,
    DateTimeOffset ResolvedAt);
