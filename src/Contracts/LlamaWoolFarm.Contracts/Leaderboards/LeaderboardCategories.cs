namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>The leaderboard categories and periods (stable names used in routes and messages).</summary>
public static class LeaderboardCategories
{
    public const string TotalWool = "totalWool";
    public const string NetWorth = "netWorth";
    public const string Prestige = "prestige";
    public const string WoolPerSecond = "woolPerSecond";

    public const string AllTime = "allTime";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";

    public static IReadOnlyList<string> All { get; } = [TotalWool, NetWorth, Prestige, WoolPerSecond];

    public static IReadOnlyList<string> Periods { get; } = [AllTime, Weekly, Monthly];
}
