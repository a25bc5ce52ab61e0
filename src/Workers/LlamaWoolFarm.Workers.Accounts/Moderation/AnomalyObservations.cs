using System.Globalization;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Contracts.Saves;

namespace LlamaWoolFarm.Workers.Accounts.Moderation;

/// <summary>
/// Which observed refusals are anomalies, and their evidence. Refusals an honest client meets in ordinary play
/// (a purchase racing a spend: <c>INSUFFICIENT_RESOURCES</c>, <c>BUILDING_LOCKED</c>, <c>MAX_LEVEL_REACHED</c>,
/// <c>UPGRADE_ALREADY_OWNED</c>, <c>NO_OFFLINE_PROGRESS</c>, <c>INVALID_PRESTIGE</c>; a save that is merely old or
/// malformed) are not: only what the web client cannot send.
/// </summary>
public static class AnomalyObservations
{
    /// <summary>Game refusals that indicate a forged or automated client, with the bound each rule enforces.</summary>
    public static readonly IReadOnlyDictionary<string, string> SuspiciousActionCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RATE_LIMITED_ACTION"] = "20 clicks per second of elapsed time (over at most 5 s)",
        ["INVALID_QUANTITY"] = "1 to 100 per command",
        ["UNKNOWN_BUILDING"] = "a building of the catalog",
        ["UNKNOWN_UPGRADE"] = "an upgrade of the catalog",
        ["INVALID_NUMBER"] = "a finite, non-negative number",
    };

    /// <summary>Save refusals that indicate tampering: the rules of GAME_RULES §10 and the integrity check.</summary>
    public static readonly IReadOnlySet<string> SuspiciousSaveCodes = new HashSet<string>(StringComparer.Ordinal) { "SAVE_REJECTED", "INTEGRITY_MISMATCH" };

    /// <summary>Refused actions of one player, code and minute become one record with a count.</summary>
    public static readonly TimeSpan ActionWindow = TimeSpan.FromMinutes(1);

    public static AnomalyObservation? From(ActionRejected rejected)
    {
        if (!SuspiciousActionCodes.TryGetValue(rejected.Code, out var bound))
        {
            return null;
        }

        var window = Floor(rejected.RejectedAt, ActionWindow);
        var claimed = rejected.Quantity > 0
            ? (rejected.Target is null ? $"{rejected.Quantity} ({rejected.ActionType})" : $"{rejected.Quantity} × {rejected.Target} ({rejected.ActionType})")
            : rejected.Target;
        return new AnomalyObservation(rejected.PlayerId, AnomalyKinds.ActionRefused, rejected.Code, bound, claimed, rejected.Message, 1, rejected.RejectedAt,
            "game", rejected.CommandId.ToString("N"), $"action:{rejected.Code}:{window.ToString("O", CultureInfo.InvariantCulture)}");
    }

    /// <summary>One record per rule the upload broke (an integrity mismatch is one record of its own).</summary>
    public static IReadOnlyList<AnomalyObservation> From(SaveRejected rejected)
    {
        if (!SuspiciousSaveCodes.Contains(rejected.Code))
        {
            return [];
        }

        if (rejected.Rules.Count == 0)
        {
            return [new AnomalyObservation(rejected.PlayerId, AnomalyKinds.SaveRejected, rejected.Code, null, null, rejected.Message, 1, rejected.RejectedAt,
                "saves", rejected.CommandId.ToString("N"), null)];
        }

        return rejected.Rules.Select((rule, i) => new AnomalyObservation(rejected.PlayerId, AnomalyKinds.SaveRejected, rule.Rule, null, rule.Subject, rule.Detail, 1,
            rejected.RejectedAt, "saves", $"{rejected.CommandId:N}:{i}", null)).ToList();
    }

    public static AnomalyObservation From(RateLimitOffencesObserved offences) => new(
        offences.PlayerId,
        AnomalyKinds.RateLimited,
        offences.Rule,
        $"{offences.Bound.ToString(CultureInfo.InvariantCulture)} requests per window",
        $"{offences.Count.ToString(CultureInfo.InvariantCulture)} refused requests",
        $"Requests refused with 429 between {offences.WindowStart:HH:mm:ss} and {offences.WindowEnd:HH:mm:ss} UTC.",
        offences.Count,
        offences.WindowStart,
        offences.Source,
        $"{offences.Source}:{offences.WindowStart.ToString("O", CultureInfo.InvariantCulture)}",
        $"rate:{offences.Rule}:{offences.WindowStart.ToString("O", CultureInfo.InvariantCulture)}");

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan window) => new(at.UtcTicks - (at.UtcTicks % window.Ticks), TimeSpan.Zero);
}
