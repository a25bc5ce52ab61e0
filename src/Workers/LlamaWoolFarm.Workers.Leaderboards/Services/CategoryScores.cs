using System.Globalization;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Leaderboards;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>What each category ranks, read from the game worker's scores.</summary>
public static class CategoryScores
{
    /// <summary>Categories whose seasonal boards rank what was gained during the season rather than the current value.</summary>
    public static bool SeasonRanksGain(string category) => category is LeaderboardCategories.TotalWool or LeaderboardCategories.Prestige;

    /// <summary>The category's score, or null when the text is not a non-negative number (such a score is skipped, never ranked as zero).</summary>
    public static LeaderboardScore? Of(string category, ScoresChanged scores) => category switch
    {
        LeaderboardCategories.TotalWool => Parse(scores.TotalWool),
        LeaderboardCategories.NetWorth => Parse(scores.NetWorth),
        LeaderboardCategories.Prestige => Parse(scores.TotalPrestiges.ToString(CultureInfo.InvariantCulture)),
        LeaderboardCategories.WoolPerSecond => Parse(scores.WoolPerSecond),
        _ => throw new ArgumentException($"Unknown category '{category}'.", nameof(category)),
    };

    private static LeaderboardScore? Parse(string? text) => LeaderboardScore.TryParse(text, out var score) ? score : null;
}
