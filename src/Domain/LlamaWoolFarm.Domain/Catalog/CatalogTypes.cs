using System.Text.Json.Serialization;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Domain.Catalog;

public sealed record WoolTypeDefinition(
    string Id,
    string Name,
    BigNumber BaseValue,
    double ProductionRate,
    BigNumber UnlockCost);

public sealed record BuildingDefinition(
    string Id,
    string Name,
    BigNumber BaseCost,
    double CostMultiplier,
    double BaseProduction,
    IReadOnlyList<string> Produces,
    string PaidIn,
    IReadOnlyList<Requirement> UnlockRequirements);

public sealed record UpgradeDefinition(
    string Id,
    string Name,
    UpgradeCategory Category,
    BigNumber Cost,
    string PaidIn,
    UpgradeEffect Effect,
    IReadOnlyList<Requirement> Requirements)
{
    /// <summary>GAME_RULES §5: only prestige-category upgrades outlive a prestige.</summary>
    public bool SurvivesPrestige => Category == UpgradeCategory.Prestige;
}

/// <summary>
/// What an upgrade does. Target is a building id, "buildings" (every building) or, for a wool tier
/// multiplier, the lowest wool id it applies to; Value is the multiplier, seconds or bonus.
/// </summary>
public sealed record UpgradeEffect(UpgradeEffectKind Kind, double Value, string? Target = null);

/// <summary>A requirement is met when the named quantity is at least Amount.</summary>
public sealed record Requirement(RequirementKind Kind, string? Id, BigNumber Amount)
{
    public static Requirement Building(string id, int level) => new(RequirementKind.BuildingLevel, id, level);

    public static Requirement Wool(string id, double amount) => new(RequirementKind.WoolCount, id, amount);

    public static Requirement Upgrade(string id) => new(RequirementKind.UpgradeOwned, id, BigNumber.One);

    public static Requirement Prestiges(int count) => new(RequirementKind.TotalPrestiges, null, count);
}

public sealed record AchievementDefinition(string Id, string Name, AchievementCondition Condition);

/// <summary>Met when the measured quantity reaches Threshold, or for UpgradesOwned when every listed upgrade is owned.</summary>
public sealed record AchievementCondition(
    AchievementConditionKind Kind,
    BigNumber Threshold,
    string? Target = null,
    IReadOnlyList<string>? Upgrades = null);

/// <summary>The multipliers an event applies while it runs; a neutral value means "no effect".</summary>
public sealed record EventTypeDefinition(
    string Id,
    string Name,
    double ProductionMultiplier = 1,
    double PrestigeMultiplier = 1,
    double BuildingPriceMultiplier = 1,
    double OfflineEfficiencyBonus = 0,
    bool IsCompetition = false);

/// <summary>Every tuning number of GAME_RULES.md that is not a row of a table.</summary>
public sealed record GameTuning
{
    public double StartingLlamaProduction { get; init; } = 1;
    public double SoulShearProductionBonus { get; init; } = 0.10;
    public double SoulShearBuildingBonus { get; init; } = 0.05;
    public double AchievementMultiplier { get; init; } = 1.02;
    public double GoldenFleeceBonus { get; init; } = 0.01;
    public int MaxClicksPerSecond { get; init; } = 20;
    public int MinQuantity { get; init; } = 1;
    public int MaxQuantity { get; init; } = 100;
    public int MaxBuildingLevel { get; init; } = 1000;
    public double OnlineGraceSeconds { get; init; } = 120;
    public double BaseOfflineCapSeconds { get; init; } = 24 * 3600;
    public double MaxOfflineCapSeconds { get; init; } = 72 * 3600;
    public double BaseOfflineEfficiency { get; init; } = 0.8;
    public double OfflineEfficiencyPerSoulShear { get; init; } = 0.02;
    public double MaxOfflineEfficiency { get; init; } = 1.0;
    public double WelcomeBackAbsenceSeconds { get; init; } = 12 * 3600;
    public double WelcomeBackBonus { get; init; } = 0.10;
    public double PrestigeBaseExponent { get; init; } = 6;
    public double PrestigeThresholdStepExponent { get; init; } = 2;
    public double SaveProductionTolerance { get; init; } = 1.1;
    public double SaveClockSkewSeconds { get; init; } = 300;
    public int SaveMaxLevelsPerUpload { get; init; } = 100;
    public double ValidationRelativeTolerance { get; init; } = 1e-9;
}

[JsonConverter(typeof(JsonStringEnumConverter<UpgradeCategory>))]
public enum UpgradeCategory
{
    [JsonStringEnumMemberName("production")] Production,
    [JsonStringEnumMemberName("efficiency")] Efficiency,
    [JsonStringEnumMemberName("automation")] Automation,
    [JsonStringEnumMemberName("prestige")] Prestige,
}

[JsonConverter(typeof(JsonStringEnumConverter<UpgradeEffectKind>))]
public enum UpgradeEffectKind
{
    [JsonStringEnumMemberName("clickMultiplier")] ClickMultiplier,
    [JsonStringEnumMemberName("productionMultiplier")] ProductionMultiplier,
    [JsonStringEnumMemberName("buildingMultiplier")] BuildingMultiplier,
    [JsonStringEnumMemberName("woolTierMultiplier")] WoolTierMultiplier,
    [JsonStringEnumMemberName("autoClicks")] AutoClicks,
    [JsonStringEnumMemberName("buildingPriceMultiplier")] BuildingPriceMultiplier,
    [JsonStringEnumMemberName("offlineCapSeconds")] OfflineCapSeconds,
    [JsonStringEnumMemberName("offlineEfficiency")] OfflineEfficiency,
}

[JsonConverter(typeof(JsonStringEnumConverter<RequirementKind>))]
public enum RequirementKind
{
    [JsonStringEnumMemberName("buildingLevel")] BuildingLevel,
    [JsonStringEnumMemberName("woolCount")] WoolCount,
    [JsonStringEnumMemberName("upgradeOwned")] UpgradeOwned,
    [JsonStringEnumMemberName("totalPrestiges")] TotalPrestiges,
}

[JsonConverter(typeof(JsonStringEnumConverter<AchievementConditionKind>))]
public enum AchievementConditionKind
{
    [JsonStringEnumMemberName("lifetimeWoolProduced")] LifetimeWoolProduced,
    [JsonStringEnumMemberName("totalBuildingLevels")] TotalBuildingLevels,
    [JsonStringEnumMemberName("upgradesOwned")] UpgradesOwned,
    [JsonStringEnumMemberName("totalPrestiges")] TotalPrestiges,
    [JsonStringEnumMemberName("woolCount")] WoolCount,
    [JsonStringEnumMemberName("playTimeSeconds")] PlayTimeSeconds,
}
