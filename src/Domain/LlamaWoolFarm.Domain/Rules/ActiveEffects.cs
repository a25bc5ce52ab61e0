using LlamaWoolFarm.Domain.Catalog;

namespace LlamaWoolFarm.Domain.Rules;

/// <summary>
/// The combined effect of the events running at a moment (GAME_RULES §9). A class rather than a struct so
/// that default can never mean "production × 0".
/// </summary>
public sealed record ActiveEffects
{
    public static ActiveEffects None { get; } = new();

    public double ProductionMultiplier { get; init; } = 1;

    public double PrestigeMultiplier { get; init; } = 1;

    public double BuildingPriceMultiplier { get; init; } = 1;

    public double OfflineEfficiencyBonus { get; init; }

    /// <summary>Effects of events running at the same time: multipliers multiply, bonuses add.</summary>
    public static ActiveEffects FromEvents(IEnumerable<string> activeEventTypeIds, GameCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(activeEventTypeIds);
        ArgumentNullException.ThrowIfNull(catalog);
        var effects = None;
        foreach (var id in activeEventTypeIds)
        {
            var definition = catalog.FindEventType(id) ?? throw new ArgumentException($"Unknown event type '{id}'.", nameof(activeEventTypeIds));
            effects = effects with
            {
                ProductionMultiplier = effects.ProductionMultiplier * definition.ProductionMultiplier,
                PrestigeMultiplier = effects.PrestigeMultiplier * definition.PrestigeMultiplier,
                BuildingPriceMultiplier = effects.BuildingPriceMultiplier * definition.BuildingPriceMultiplier,
                OfflineEfficiencyBonus = effects.OfflineEfficiencyBonus + definition.OfflineEfficiencyBonus,
            };
        }

        return effects;
    }

    /// <summary>
    /// The most generous of two effect sets, for judging a span of time during which either may have applied
    /// (save validation over a window in which events started or ended).
    /// </summary>
    public ActiveEffects Envelope(ActiveEffects other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ActiveEffects
        {
            ProductionMultiplier = Math.Max(ProductionMultiplier, other.ProductionMultiplier),
            PrestigeMultiplier = Math.Max(PrestigeMultiplier, other.PrestigeMultiplier),
            BuildingPriceMultiplier = Math.Min(BuildingPriceMultiplier, other.BuildingPriceMultiplier),
            OfflineEfficiencyBonus = Math.Max(OfflineEfficiencyBonus, other.OfflineEfficiencyBonus),
        };
    }
}
