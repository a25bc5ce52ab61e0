namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// The measurements the analytics worker writes. Every point carries the tag <c>player</c> (so a player's data can
/// be deleted by tag) and the field <c>player_id</c> (so distinct players can be counted).
/// </summary>
public static class Measurements
{
    /// <summary>One point per player per minute with any activity (client events, game actions, saves).</summary>
    public const string PlayerActive = "player_active";

    /// <summary>The first activity of a player the analytics worker saw.</summary>
    public const string PlayerFirstSeen = "player_first_seen";

    /// <summary>Client events (tag <c>name</c>; fields <c>properties</c> JSON, <c>session_id</c>).</summary>
    public const string ClientEvent = "client_event";

    /// <summary>Game actions (tags <c>action</c>, <c>outcome</c> applied/rejected, <c>code</c>; field <c>quantity</c>).</summary>
    public const string GameAction = "game_action";

    /// <summary>Wool produced between two game states of a player (field <c>produced</c>).</summary>
    public const string Wool = "wool";

    /// <summary>Completed prestiges (fields <c>soul_shears_gained</c>, <c>total_prestiges</c>).</summary>
    public const string Prestige = "prestige";

    /// <summary>Unlocked achievements (tag <c>achievement</c>).</summary>
    public const string Achievement = "achievement";

    /// <summary>Offline gains granted (tag <c>claimed</c>; fields <c>offline_seconds</c>, <c>efficiency</c>).</summary>
    public const string OfflineProgress = "offline_progress";

    /// <summary>Save uploads (tag <c>outcome</c> accepted/rejected/conflict, <c>code</c>).</summary>
    public const string Save = "save";

    /// <summary>First exposure of a player to an experiment (tags <c>experiment</c>, <c>variant</c>).</summary>
    public const string ExperimentExposure = "experiment_exposure";

    public const string PlayerTag = "player";

    public const string PlayerField = "player_id";
}
