namespace LlamaWoolFarm.Domain.Saves;

/// <summary>Stable ids of the §10 rules an uploaded save can break; anti-cheat review groups by them.</summary>
public static class SaveRules
{
    public const string AmountInvalid = "amount.invalid";
    public const string AmountNegative = "amount.negative";
    public const string UnknownId = "id.unknown";
    public const string PlayerMismatch = "player.mismatch";
    public const string TimeAheadOfServer = "time.ahead_of_server";
    public const string BuildingLevelOutOfRange = "building.level_out_of_range";
    public const string BuildingLevelDecreased = "building.level_decreased";
    public const string BuildingTooManyLevels = "building.too_many_levels";
    public const string BuildingLocked = "building.locked";
    public const string BuildingUnaffordable = "building.unaffordable";
    public const string UpgradeRemoved = "upgrade.removed";
    public const string UpgradeLocked = "upgrade.locked";
    public const string UpgradeUnaffordable = "upgrade.unaffordable";
    public const string WoolUnlockNotReached = "wool.unlock_not_reached";
    public const string ProductionExceedsBound = "production.exceeds_bound";
    public const string RunExceedsBound = "run.exceeds_bound";
    public const string LifetimeDecreased = "lifetime.decreased";
    public const string LifetimeExceedsBound = "lifetime.exceeds_bound";
    public const string PrestigeIllegal = "prestige.illegal";
    public const string GoldenFleeceIncreased = "golden_fleece.increased";
    public const string AchievementConditionNotMet = "achievement.condition_not_met";
    public const string PlayTimeExceedsElapsed = "play_time.exceeds_elapsed";
}

/// <summary>One broken rule: its stable id, what it concerns (a wool, building, upgrade id or field) and why.</summary>
public sealed record SaveRuleViolation(string RuleId, string Subject, string Detail);
