using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

/// <summary>
/// The outcome of one engine call. On refusal only ErrorCode (one of ErrorCodes) and Message are set and
/// the player's state was left untouched.
/// </summary>
public sealed record ActionResult
{
    private static readonly Dictionary<string, BigNumber> NoAmounts = [];

    public bool Success { get; init; }

    public string? ErrorCode { get; init; }

    public string? Message { get; init; }

    /// <summary>Wool produced by the passage of time up to the action (online accrual).</summary>
    public IReadOnlyDictionary<string, BigNumber> Accrued { get; init; } = NoAmounts;

    /// <summary>Wool the action itself produced (clicks, a claimed or auto-granted offline grant).</summary>
    public IReadOnlyDictionary<string, BigNumber> Gained { get; init; } = NoAmounts;

    public IReadOnlyDictionary<string, BigNumber> Spent { get; init; } = NoAmounts;

    public IReadOnlyList<string> AchievementsUnlocked { get; init; } = [];

    public IReadOnlyList<string> WoolTypesUnlocked { get; init; } = [];

    /// <summary>Soul Shears gained by a prestige; 0 otherwise.</summary>
    public long PrestigeGain { get; init; }

    /// <summary>The offline result the call reports: the pending one for Get, the granted one for Claim.</summary>
    public OfflineProgress? Offline { get; init; }

    /// <summary>
    /// An earlier absence's unclaimed grant that this call applied because a new absence began or a prestige
    /// needed the whole run; the worker announces it like a claim.
    /// </summary>
    public OfflineProgress? AutoGrantedOffline { get; init; }

    public static ActionResult Refused(string errorCode, string message) =>
        new() { Success = false, ErrorCode = errorCode, Message = message };
}
