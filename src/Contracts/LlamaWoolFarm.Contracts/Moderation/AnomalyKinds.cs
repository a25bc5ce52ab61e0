namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>What an anomaly record is about; stable strings, stored and shown as they are.</summary>
public static class AnomalyKinds
{
    /// <summary>A save upload the saves worker refused by the rules of GAME_RULES §10 (or its integrity check).</summary>
    public const string SaveRejected = "save-rejected";

    /// <summary>A game command the game worker refused by a rule a client playing honestly never breaks (click rate, forged ids or quantities).</summary>
    public const string ActionRefused = "action-refused";

    /// <summary>Requests the gateway refused with 429 in one offence window (one record per player and window, with a count).</summary>
    public const string RateLimited = "rate-limited";
}
