namespace LlamaWoolFarm.Contracts.Game;

/// <summary>What a client needs to render the farm: amounts and per-second rates are big-number strings.</summary>
public sealed record GameStateView(
    Guid PlayerId,
    long Revision,
    IReadOnlyDictionary<string, string> WoolCounts,
    IReadOnlyDictionary<string, string> RatesPerSecond,
    IReadOnlyDictionary<string, int> Buildings,
    IReadOnlyList<string> Upgrades,
    IReadOnlyList<string> Achievements,
    string RunWoolProduced,
    string LifetimeWoolProduced,
    string SoulShears,
    int TotalPrestiges,
    DateTimeOffset MaterializedAt);
