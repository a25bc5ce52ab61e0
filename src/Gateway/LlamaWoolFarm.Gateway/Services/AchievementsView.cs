using System.Text.Json;

namespace LlamaWoolFarm.Gateway.Services;

/// <summary>
/// The achievements answer: the catalog's achievements (id, name, condition) each marked unlocked or not for the
/// player. Both halves come from the game worker, so the answer can never disagree with the rules.
/// </summary>
public static class AchievementsView
{
    /// <summary>The answer of <c>GET achievements</c> for a catalog (JSON) and the player's unlocked ids.</summary>
    public static Endpoints.AchievementsListView From(string catalogJson, int rulesVersion, IEnumerable<string> unlockedIds)
    {
        var unlocked = unlockedIds.ToHashSet(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(catalogJson);
        var achievements = json.RootElement.TryGetProperty("achievements", out var list)
            ? list.EnumerateArray().Select(a => new Endpoints.AchievementView(
                a.GetProperty("id").GetString()!,
                a.TryGetProperty("name", out var name) ? name.GetString() : null,
                a.TryGetProperty("condition", out var condition) ? condition.Clone() : null,
                unlocked.Contains(a.GetProperty("id").GetString()!))).ToList()
            : [];
        return new Endpoints.AchievementsListView(rulesVersion, achievements.Count(a => a.Unlocked), achievements.Count, achievements);
    }
}
