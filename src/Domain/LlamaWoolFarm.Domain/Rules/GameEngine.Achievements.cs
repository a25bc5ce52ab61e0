using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// Requirements, unlocks and achievements (GAME_RULES §2, §3, §5, §6), checked after every change of the state.
public sealed partial class GameEngine
{
    internal bool RequirementsMet(PlayerState state, IReadOnlyList<Requirement> requirements)
    {
        foreach (var requirement in requirements)
        {
            var met = requirement.Kind switch
            {
                RequirementKind.BuildingLevel => BigNumber.FromDouble(state.GetLevel(requirement.Id ?? "")) >= requirement.Amount,
                RequirementKind.WoolCount => state.GetWool(requirement.Id ?? "") >= requirement.Amount,
                RequirementKind.UpgradeOwned => state.Owns(requirement.Id ?? ""),
                RequirementKind.TotalPrestiges => BigNumber.FromDouble(state.TotalPrestiges) >= requirement.Amount,
                _ => false,
            };
            if (!met)
            {
                return false;
            }
        }

        return true;
    }

    internal bool AchievementMet(PlayerState state, AchievementCondition condition) => condition.Kind switch
    {
        AchievementConditionKind.LifetimeWoolProduced => state.LifetimeWoolProduced >= condition.Threshold,
        AchievementConditionKind.TotalBuildingLevels => BigNumber.FromDouble(TotalLevels(state)) >= condition.Threshold,
        AchievementConditionKind.UpgradesOwned => (condition.Upgrades ?? []).All(state.Owns),
        AchievementConditionKind.TotalPrestiges => BigNumber.FromDouble(state.TotalPrestiges) >= condition.Threshold,
        AchievementConditionKind.WoolCount => state.GetWool(condition.Target ?? "") >= condition.Threshold,
        AchievementConditionKind.PlayTimeSeconds => BigNumber.FromDouble(state.PlayTimeSeconds) >= condition.Threshold,
        _ => false,
    };

    private long TotalLevels(PlayerState state)
    {
        long total = 0;
        foreach (var id in _buildingIds)
        {
            total += state.GetLevel(id);
        }

        return total;
    }

    private void UpdateUnlocksAndAchievements(PlayerState state, ChangeSet changes)
    {
        for (var w = 0; w < _woolIds.Length; w++)
        {
            var id = _woolIds[w];
            if (!state.UnlockedWoolTypes.Contains(id) && state.RunWoolProduced >= _woolUnlockCost[w])
            {
                state.UnlockedWoolTypes.Add(id);
                changes.WoolTypesUnlocked.Add(id);
            }
        }

        foreach (var achievement in Catalog.Achievements)
        {
            if (!state.Achievements.Contains(achievement.Id) && AchievementMet(state, achievement.Condition))
            {
                state.Achievements.Add(achievement.Id);
                changes.AchievementsUnlocked.Add(achievement.Id);
            }
        }
    }
}
