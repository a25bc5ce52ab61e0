using System.Text.Json;

namespace LlamaWoolFarm.Gateway.Services;

/// <summary>
/// The achievements answer: the catalog's achievements (id, name, condition) each marked unlocked or not for the
/// player. Both halves come from the game worker, so the answer can never disagree with the rules.
/// </summary>
public static class AchievementsView
{
    /// <summary>The answer of <c>GET achievements</c> for a catalog (JSON) and the player's unlocked ids.</summary>
    public static object From(string catalogJson, int rulesVersion, IEnumerable<string> unlockedIds)
    {
        var unlocked = unlockedIds.ToHashSet(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(catalogJson);
        var achievements = json.RootElement.TryGetProperty("achievements", out var list)
            ? list.EnumerateArray().Select(a => new
            {
                id = a.GetProperty("id").GetString()!,
                name = a.TryGetProperty("name", out var name) ? name.GetString() : null,
                condition = a.TryGetProperty("condition", out var condition) ? condition.Clone() : (JsonElement?)null,
                unlocked = unlocked.Contains(a.GetProperty("id").GetString()!),
            }).ToList()
            : [];
        return new
        {
            rulesVersion,
            unlockedCount = achievements.Count(a => a.unlocked),
            total = achievements.Count,
            achievements,
        };
    }
}
