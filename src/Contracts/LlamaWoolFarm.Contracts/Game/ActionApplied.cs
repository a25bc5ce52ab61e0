namespace LlamaWoolFarm.Contracts.Game;

/// <summary>A game command was applied. <c>Changes</c> maps a wool type to the signed amount (big-number string).</summary>
public sealed record ActionApplied(
    Guid CommandId,
    Guid PlayerId,
    string ActionType,
    string? Target,
    int Quantity,
    IReadOnlyDictionary<string, string> Changes,
    DateTimeOffset AppliedAt);
