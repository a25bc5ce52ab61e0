namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// The upload was refused and the server state is unchanged. <c>Code</c> is <c>SAVE_REJECTED</c> (with the rules
/// broken), <c>INTEGRITY_MISMATCH</c>, <c>UNSUPPORTED_SAVE_VERSION</c>, <c>INVALID_SAVE</c> or
/// <c>UNKNOWN_BASE_REVISION</c>.
/// </summary>
public sealed record SaveRejected(
    Guid CommandId,
    Guid PlayerId,
    string Code,
    string Message,
    IReadOnlyList<SaveRuleBroken> Rules,
    long CurrentRevision,
    DateTimeOffset RejectedAt);
