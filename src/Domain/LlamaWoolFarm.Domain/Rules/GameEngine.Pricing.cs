using System.Numerics;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// Prices (GAME_RULES §3, §5, §9): a building's geometric bulk price with the upgrades' and events' price multipliers,
// and paying for a purchase.
public sealed partial class GameEngine
{
    /// <summary>Price of the next unit of a building with the player's upgrades and the running events, or null for an unknown id.</summary>
    public BigNumber? NextBuildingPrice(PlayerState state, string buildingId, ActiveEffects effects) =>
        BuildingPrice(state, buildingId, 1, effects);

    /// <summary>Price of quantity units bought at once from the current level (the geometric sum), or null for an unknown id.</summary>
    public BigNumber? BuildingPrice(PlayerState state, string buildingId, int quantity, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!_buildingIndex.TryGetValue(buildingId, out var b))
        {
            return null;
        }

        return BulkPrice(b, state.GetLevel(buildingId), quantity, PriceMultiplier(CreateSnapshot(state).Upgrades, effects));
    }

    internal BigNumber BulkPrice(int building, int level, int quantity, double priceMultiplier)
    {
        var multiplier = _buildings[building].CostMultiplier;
        var first = _buildingBaseCost[building] * _buildingCostMultiplier[building].Pow(level) * BigNumber.FromDouble(priceMultiplier);
        var series = multiplier == 1 ? quantity : (Math.Pow(multiplier, quantity) - 1) / (multiplier - 1);
        return first * BigNumber.FromDouble(series);
    }

    internal double PriceMultiplier(ulong ownedUpgrades, ActiveEffects effects)
    {
        var multiplier = effects.BuildingPriceMultiplier;
        while (ownedUpgrades != 0)
        {
            var u = BitOperations.TrailingZeroCount(ownedUpgrades);
            ownedUpgrades &= ownedUpgrades - 1;
            if (_upgradeKind[u] == UpgradeEffectKind.BuildingPriceMultiplier)
            {
                multiplier *= _upgradeValue[u];
            }
        }

        return multiplier;
    }

    private bool TrySpend(PlayerState state, int wool, BigNumber price, ChangeSet changes)
    {
        var id = _woolIds[wool];
        var stock = state.GetWool(id);
        if (stock < price)
        {
            return false;
        }

        state.WoolCounts[id] = BigNumber.Max(BigNumber.Zero, stock - price);
        changes.Spent[id] = (changes.Spent.TryGetValue(id, out var spent) ? spent : BigNumber.Zero) + price;
        return true;
    }
}
