namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>The metrics of <c>GET admin/analytics/metrics</c> (definitions in docs/analytics.md).</summary>
public static class AnalyticsMetricNames
{
    /// <summary>Different players active in each window (with a 1-day window: daily active players).</summary>
    public const string ActivePlayers = "active_players";

    /// <summary>Applied game actions per minute, averaged over each window.</summary>
    public const string ActionsPerMinute = "actions_per_minute";

    /// <summary>Wool produced (lifetime wool gained, clicks and passive and offline) in each window.</summary>
    public const string WoolProduced = "wool_produced";

    /// <summary>Prestiges completed in each window.</summary>
    public const string Prestiges = "prestiges";

    /// <summary>Share of each day's new players active again on the next day.</summary>
    public const string RetentionD1 = "retention_d1";

    /// <summary>Share of each day's new players active again seven days later.</summary>
    public const string RetentionD7 = "retention_d7";

    public static IReadOnlyList<string> All { get; } = [ActivePlayers, ActionsPerMinute, WoolProduced, Prestiges, RetentionD1, RetentionD7];
}
