namespace LlamaWoolFarm.Domain.Catalog;

/// <summary>
/// The rules as data, one instance per rules version. Served as-is at GET /api/v1/game/config,
/// so everything here is a plain record that System.Text.Json writes without help.
/// </summary>
public sealed record GameCatalog(
    int RulesVersion,
    string BaseWoolType,
    IReadOnlyList<WoolTypeDefinition> WoolTypes,
    IReadOnlyList<BuildingDefinition> Buildings,
    IReadOnlyList<UpgradeDefinition> Upgrades,
    IReadOnlyList<AchievementDefinition> Achievements,
    IReadOnlyList<EventTypeDefinition> EventTypes,
    GameTuning Tuning)
{
    public const string AllBuildingsTarget = "buildings";

    public static GameCatalog V1 { get; } = CreateV1();

    public WoolTypeDefinition? FindWoolType(string id) => WoolTypes.FirstOrDefault(w => w.Id == id);

    public BuildingDefinition? FindBuilding(string id) => Buildings.FirstOrDefault(b => b.Id == id);

    public UpgradeDefinition? FindUpgrade(string id) => Upgrades.FirstOrDefault(u => u.Id == id);

    public EventTypeDefinition? FindEventType(string id) => EventTypes.FirstOrDefault(e => e.Id == id);

    private static GameCatalog CreateV1()
    {
        WoolTypeDefinition[] wool =
        [
            new("basic", "Basic Wool", 0.1, 1, 0),
            new("silver", "Silver Wool", 1, 0.8, 100),
            new("golden", "Golden Wool", 12, 0.6, 1e4),
            new("rainbow", "Rainbow Wool", 180, 0.4, 1e6),
            new("cosmic", "Cosmic Wool", 3240, 0.25, 1e8),
            new("ethereal", "Ethereal Wool", 71280, 0.15, 1e10),
            new("temporal", "Temporal Wool", 1853280, 0.08, 1e12),
            new("dimensional", "Dimensional Wool", 55598400, 0.04, 1e15),
            new("celestial", "Celestial Wool", 2001542400, 0.02, 1e18),
            new("quantum", "Quantum Wool", 8.00616960e10, 0.01, 1e21),
        ];

        BuildingDefinition[] buildings =
        [
            new("barn", "Llama Barn", 10, 1.15, 0.5, ["basic", "silver"], "basic", []),
            new("shears", "Auto Shears", 100, 1.2, 2, ["basic", "silver", "golden"], "basic",
                [Requirement.Building("barn", 5)]),
            new("transport", "Wool Transport", 1000, 1.25, 10, ["silver", "golden"], "silver",
                [Requirement.Building("shears", 3)]),
            new("factory", "Wool Factory", 25000, 1.3, 50, ["golden", "rainbow"], "golden",
                [Requirement.Building("transport", 5), Requirement.Wool("golden", 1e4)]),
            new("lab", "Research Lab", 5e5, 1.35, 200, ["rainbow", "cosmic", "ethereal"], "rainbow",
                [Requirement.Building("factory", 3), Requirement.Wool("rainbow", 1000)]),
            new("portal", "Dimensional Portal", 1e7, 1.4, 1000, ["ethereal", "temporal", "dimensional"], "ethereal",
                [Requirement.Building("lab", 5), Requirement.Wool("cosmic", 1e4)]),
            new("timeMachine", "Time Machine", 1e9, 1.45, 5000, ["temporal", "dimensional", "celestial"], "temporal",
                [Requirement.Building("portal", 3), Requirement.Wool("temporal", 1000)]),
            new("dimensionGate", "Quantum Gate", 1e12, 1.5, 25000, ["celestial", "quantum"], "celestial",
                [Requirement.Building("timeMachine", 5), Requirement.Wool("dimensional", 1e4)]),
        ];

        const double Day = 24 * 3600;
        UpgradeDefinition[] upgrades =
        [
            new("click_power_1", "Stronger Hands", UpgradeCategory.Production, 100, "basic",
                new(UpgradeEffectKind.ClickMultiplier, 2), []),
            new("click_power_2", "Expert Shearing", UpgradeCategory.Production, 1000, "basic",
                new(UpgradeEffectKind.ClickMultiplier, 3), [Requirement.Upgrade("click_power_1")]),
            new("barn_efficiency_1", "Barn Efficiency", UpgradeCategory.Efficiency, 500, "basic",
                new(UpgradeEffectKind.BuildingMultiplier, 1.5, "barn"), [Requirement.Building("barn", 5)]),
            new("caffeine_pills", "Caffeine Pills", UpgradeCategory.Production, 2000, "silver",
                new(UpgradeEffectKind.ProductionMultiplier, 1.25), [Requirement.Building("barn", 10)]),
            new("sharp_shears", "Sharp Shears", UpgradeCategory.Production, 5000, "basic",
                new(UpgradeEffectKind.ProductionMultiplier, 1.5), [Requirement.Building("shears", 1)]),
            new("auto_clicker", "Auto Clicker", UpgradeCategory.Automation, 10000, "basic",
                new(UpgradeEffectKind.AutoClicks, 1), [Requirement.Upgrade("click_power_1")]),
            new("better_tools", "Better Tools", UpgradeCategory.Efficiency, 25000, "silver",
                new(UpgradeEffectKind.BuildingPriceMultiplier, 0.9), [Requirement.Building("transport", 1)]),
            new("selective_breeding", "Selective Breeding", UpgradeCategory.Production, 50000, "golden",
                new(UpgradeEffectKind.WoolTierMultiplier, 2, "golden"), [Requirement.Building("factory", 1)]),
            new("smart_scheduling", "Smart Scheduling", UpgradeCategory.Automation, 1e5, "silver",
                new(UpgradeEffectKind.OfflineCapSeconds, Day), []),
            new("workflow_optimization", "Workflow Optimization", UpgradeCategory.Efficiency, 1e6, "golden",
                new(UpgradeEffectKind.BuildingMultiplier, 1.25, AllBuildingsTarget), [Requirement.Building("factory", 5)]),
            new("ai_management", "AI Management", UpgradeCategory.Automation, 1e7, "rainbow",
                new(UpgradeEffectKind.OfflineCapSeconds, Day), [Requirement.Upgrade("smart_scheduling")]),
            new("neural_network", "Neural Network", UpgradeCategory.Automation, 1e8, "cosmic",
                new(UpgradeEffectKind.OfflineEfficiency, 0.2), [Requirement.Upgrade("ai_management")]),
            new("genetic_enhancement", "Genetic Enhancement", UpgradeCategory.Prestige, 1e6, "rainbow",
                new(UpgradeEffectKind.ProductionMultiplier, 6), [Requirement.Prestiges(10)]),
            new("time_dilation", "Time Dilation", UpgradeCategory.Efficiency, 1e12, "temporal",
                new(UpgradeEffectKind.ProductionMultiplier, 2), [Requirement.Building("timeMachine", 1)]),
        ];

        const double Hour = 3600;
        AchievementDefinition[] achievements =
        [
            new("first_wool", "First Wool", new(AchievementConditionKind.LifetimeWoolProduced, 1)),
            new("wool_collector", "Wool Collector", new(AchievementConditionKind.LifetimeWoolProduced, 1e3)),
            new("wool_tycoon", "Wool Tycoon", new(AchievementConditionKind.LifetimeWoolProduced, 1e6)),
            new("wool_emperor", "Wool Emperor", new(AchievementConditionKind.LifetimeWoolProduced, 1e9)),
            new("first_building", "First Building", new(AchievementConditionKind.TotalBuildingLevels, 1)),
            new("industrialist", "Industrialist", new(AchievementConditionKind.TotalBuildingLevels, 10)),
            new("mogul", "Mogul", new(AchievementConditionKind.TotalBuildingLevels, 100)),
            new("automation_master", "Automation Master", new(AchievementConditionKind.UpgradesOwned, 1, null,
                ["auto_clicker", "smart_scheduling", "ai_management", "neural_network"])),
            new("first_prestige", "First Prestige", new(AchievementConditionKind.TotalPrestiges, 1)),
            new("veteran", "Veteran", new(AchievementConditionKind.TotalPrestiges, 10)),
            new("legend", "Legend", new(AchievementConditionKind.TotalPrestiges, 100)),
            new("quantum_master", "Quantum Master", new(AchievementConditionKind.WoolCount, 1, "quantum")),
            new("dedicated_player", "Dedicated Player", new(AchievementConditionKind.PlayTimeSeconds, 1 * Hour)),
            new("committed_farmer", "Committed Farmer", new(AchievementConditionKind.PlayTimeSeconds, 24 * Hour)),
            new("llama_devotee", "Llama Devotee", new(AchievementConditionKind.PlayTimeSeconds, 100 * Hour)),
            new("eternal_guardian", "Eternal Guardian", new(AchievementConditionKind.PlayTimeSeconds, 1000 * Hour)),
        ];

        EventTypeDefinition[] events =
        [
            new("double_wool", "Double Wool", ProductionMultiplier: 2),
            new("prestige_bonus", "Prestige Bonus", PrestigeMultiplier: 2),
            new("building_sale", "Building Sale", BuildingPriceMultiplier: 0.75),
            new("autumn_harvest", "Autumn Harvest", OfflineEfficiencyBonus: 0.2),
            new("competition", "Competition", IsCompetition: true),
        ];

        return new GameCatalog(1, "basic", wool, buildings, upgrades, achievements, events, new GameTuning());
    }
}
