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
    DateTimeOffset MaterializedAt)
{
    public int RulesVersion { get; init; } = 1;

    /// <summary>Wool types producing now (basic always).</summary>
    public IReadOnlyList<string> UnlockedWoolTypes { get; init; } = [];

    /// <summary>Building id → price of its next unit, in the building's "paid in" wool, with upgrades and events applied.</summary>
    public IReadOnlyDictionary<string, string> NextBuildingPrices { get; init; } = new Dictionary<string, string>();

    /// <summary>Basic wool one click yields now.</summary>
    public string ClickPower { get; init; } = "1";

    /// <summary>Σ count × baseValue (GAME_RULES §2).</summary>
    public string NetWorth { get; init; } = "0";

    public long GoldenFleece { get; init; }

    /// <summary>Soul Shears a prestige would grant now; 0 when prestige is not allowed.</summary>
    public long PrestigeGain { get; init; }

    /// <summary>Offline gains waiting to be claimed, or null.</summary>
    public OfflineProgressView? OfflinePending { get; init; }
}
