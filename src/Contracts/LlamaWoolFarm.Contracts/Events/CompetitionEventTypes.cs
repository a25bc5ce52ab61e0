namespace LlamaWoolFarm.Contracts.Events;

/// <summary>The event types of GAME_RULES §9 (stable names).</summary>
public static class CompetitionEventTypes
{
    public const string DoubleWool = "double_wool";
    public const string PrestigeBonus = "prestige_bonus";
    public const string BuildingSale = "building_sale";
    public const string AutumnHarvest = "autumn_harvest";
    public const string Competition = "competition";

    public static IReadOnlyList<string> All { get; } = [DoubleWool, PrestigeBonus, BuildingSale, AutumnHarvest, Competition];
}
