using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Game;

/// <summary>
/// What the leaderboards rank a state by (one score per category): lifetime wool, net worth, prestiges, and wool per
/// second (the sum of the rates under the given effects). Soul shears ride along for display. Computed here only, so
/// a score published after a command and a score rebuilt from stored states agree.
/// </summary>
public sealed record PlayerScores(BigNumber TotalWool, BigNumber NetWorth, long SoulShears, int TotalPrestiges, BigNumber WoolPerSecond)
{
    public static PlayerScores Of(GameEngine engine, PlayerState state, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(state);
        var perSecond = BigNumber.Zero;
        foreach (var rate in engine.ComputeRates(state, effects).Values)
        {
            perSecond += rate;
        }

        return new PlayerScores(
            state.LifetimeWoolProduced,
            engine.NetWorth(state),
            state.SoulShears,
            (int)Math.Min(state.TotalPrestiges, int.MaxValue),
            perSecond);
    }
}
