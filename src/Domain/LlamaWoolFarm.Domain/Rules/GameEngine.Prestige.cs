using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// Prestige (GAME_RULES §8): the Soul Shears a run is worth, and resetting the run.
public sealed partial class GameEngine
{
    /// <summary>Soul Shears a prestige would grant now, or 0 when prestige is not allowed.</summary>
    public long PrestigeGainPreview(PlayerState state, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(state);
        return PrestigeGainFor(state.RunWoolProduced, state.TotalPrestiges, effects);
    }

    /// <summary>GAME_RULES §8: the run must reach 10^(6 + 2 × totalPrestiges) and the gain ⌊log10(run / 1e6)⌋ × multiplier be ≥ 1.</summary>
    public long PrestigeGainFor(BigNumber runWoolProduced, long totalPrestiges, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var thresholdExponent = _tuning.PrestigeBaseExponent + (_tuning.PrestigeThresholdStepExponent * totalPrestiges);
        if (runWoolProduced.IsZero || runWoolProduced.IsNegative || runWoolProduced.Log10() < thresholdExponent)
        {
            return 0;
        }

        var orders = Math.Floor(runWoolProduced.Log10() - _tuning.PrestigeBaseExponent);
        var gain = (long)Math.Floor(orders * effects.PrestigeMultiplier);
        return gain >= 1 ? gain : 0;
    }

    private void ResetRun(PlayerState state)
    {
        foreach (var id in _woolIds)
        {
            state.WoolCounts[id] = BigNumber.Zero;
        }

        state.UnlockedWoolTypes = [_woolIds[_baseWool]];
        foreach (var id in _buildingIds)
        {
            state.Buildings[id] = 0;
        }

        state.Upgrades = [.. state.Upgrades.Where(id => _upgradeIndex.TryGetValue(id, out var u) && _upgrades[u].SurvivesPrestige)];
        state.RunWoolProduced = BigNumber.Zero;
    }
}
