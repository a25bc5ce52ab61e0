using LlamaWoolFarm.Contracts.Leaderboards;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// The final standings of a closed season (collection <c>leaderboard_seasons</c>, id <c>{period}:{season}</c>):
/// the top 100 and the player count of each category. Its existence is what closes the season.
/// </summary>
public sealed class SeasonArchive
{
    public string Period { get; set; } = string.Empty;

    public string Season { get; set; } = string.Empty;

    public DateTimeOffset ClosedAt { get; set; }

    public Dictionary<string, List<LeaderboardEntryView>> Standings { get; set; } = [];

    public Dictionary<string, long> Totals { get; set; } = [];
}
