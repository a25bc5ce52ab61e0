namespace LlamaWoolFarm.Contracts.Game;

/// <summary>A game command was refused by the rules; <c>Code</c> is a stable error code, the state is unchanged.</summary>
public sealed record ActionRejected(
    Guid CommandId,
    Guid PlayerId,
    string ActionType,
    string Code,
    string Message,
    DateTimeOffset RejectedAt);
