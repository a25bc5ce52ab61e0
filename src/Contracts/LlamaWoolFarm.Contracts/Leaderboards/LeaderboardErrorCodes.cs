namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>Stable refusal codes of leaderboard and event queries and commands.</summary>
public static class LeaderboardErrorCodes
{
    public const string UnknownCategory = "UNKNOWN_CATEGORY";
    public const string UnknownPeriod = "UNKNOWN_PERIOD";
    public const string UnknownSeason = "UNKNOWN_SEASON";
    public const string UnknownEvent = "UNKNOWN_EVENT";
    public const string InvalidEvent = "INVALID_EVENT";
    public const string OverlappingEvent = "OVERLAPPING_EVENT";
}
