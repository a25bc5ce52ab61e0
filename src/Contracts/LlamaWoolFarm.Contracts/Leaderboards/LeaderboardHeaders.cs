namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>Headers of the leaderboards worker's answers.</summary>
public static class LeaderboardHeaders
{
    /// <summary>
    /// On a <see cref="LeaderboardPage"/> cut from the cached top rows: for how many more milliseconds those rows may be
    /// served (what is left of <c>Leaderboards:TopPageCacheSeconds</c> since they were read). A gateway may keep the
    /// answer that long and no longer, so a score still reaches the pages within the setting. Absent: not reusable.
    /// </summary>
    public const string ReusableForMilliseconds = "Lwf-Reusable-For-Ms";
}
