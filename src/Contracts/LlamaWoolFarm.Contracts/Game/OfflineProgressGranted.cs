namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// Offline gains were added to the player's wool, once per absence. <c>CommandId</c> is the claim, or the command
/// during which an earlier unclaimed absence was granted automatically (<c>Claimed</c> false).
/// </summary>
public sealed record OfflineProgressGranted(
    Guid PlayerId,
    Guid CommandId,
    long AbsenceId,
    double OfflineSeconds,
    double CappedSeconds,
    double Efficiency,
    IReadOnlyDictionary<string, string> WoolEarned,
    bool BonusApplied,
    bool Claimed,
    DateTimeOffset GrantedAt);
