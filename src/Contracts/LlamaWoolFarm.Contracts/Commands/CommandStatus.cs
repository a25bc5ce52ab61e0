namespace LlamaWoolFarm.Contracts.Commands;

/// <summary>
/// Outcome of a command: <c>Status</c> is <c>pending</c> (not processed yet, or unknown to this player),
/// <c>completed</c> (with the result event type and its changes) or <c>rejected</c> (with the stable error code).
/// </summary>
public sealed record CommandStatus(
    Guid CommandId,
    string Status,
    string? ActionType,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyDictionary<string, string>? Changes,
    DateTimeOffset? CompletedAt);
