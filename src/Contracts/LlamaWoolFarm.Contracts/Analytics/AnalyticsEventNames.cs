namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>The catalog of event names a client may send to <c>POST analytics/events</c>.</summary>
public static class AnalyticsEventNames
{
    public const string SessionStart = "session_start";
    public const string PlayerAction = "player_action";
    public const string GameProgression = "game_progression";
    public const string Performance = "performance";
    public const string Error = "error";
    public const string Purchase = "purchase";
    public const string Prestige = "prestige";

    public static IReadOnlyList<string> All { get; } = [SessionStart, PlayerAction, GameProgression, Performance, Error, Purchase, Prestige];
}
