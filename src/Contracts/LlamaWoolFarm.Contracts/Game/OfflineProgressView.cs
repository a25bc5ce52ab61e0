namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// Offline gains as GAME_RULES §7 reports them; <c>Pending</c> is false (and the amounts empty) when nothing waits.
/// <c>WoolEarned</c> maps a wool type to a big-number string.
/// </summary>
public sealed record OfflineProgressView(
    Guid PlayerId,
    bool Pending,
    double OfflineSeconds,
    double CappedSeconds,
    double Efficiency,
    IReadOnlyDictionary<string, string> WoolEarned,
    bool BonusApplied,
    DateTimeOffset At);
