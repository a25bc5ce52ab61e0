namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A prestige reset the run. <c>RunWoolProduced</c> is the cashed-in run (big-number string); <c>SoulShears</c> and
/// <c>TotalPrestiges</c> are the totals after it.
/// </summary>
public sealed record PrestigeCompleted(
    Guid PlayerId,
    Guid CommandId,
    long SoulShearsGained,
    long SoulShears,
    long TotalPrestiges,
    string RunWoolProduced,
    DateTimeOffset CompletedAt);
