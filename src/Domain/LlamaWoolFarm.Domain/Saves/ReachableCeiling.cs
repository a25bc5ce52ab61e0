using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>
/// The most a run can have reached from the server's last accepted state over an upload's window: the levels,
/// upgrades, wool unlocks and achievements it could have paid for or met, and the wool it could have produced with
/// them (passive production and clicks kept apart, for bounds that share the window's time).
/// </summary>
/// <remarks>
/// A fixpoint from the base: produce for the whole window at the ceiling's rates (1.1 × rate × T, × 1.1 from 12 h,
/// + 20 clicks/s × click seconds × click power), give each building the most levels the base stock plus that
/// production of its price wool pays for (each building and upgrade may spend the whole stock, which only loosens
/// it), add every upgrade, unlock and achievement whose cost or condition is met, and repeat until nothing more is
/// reached. Sound by induction over the honest player's purchases: before its k-th purchase the player's state is
/// at most the k-th step, because everything it had spent was produced at rates at most that step's; the steps only
/// rise and the catalog is finite, so the loop ends.
/// </remarks>
internal sealed class ReachableCeiling
{
    private ReachableCeiling(PlayerState state, BigNumber passive, BigNumber clicks)
    {
        State = state;
        Passive = passive;
        Clicks = clicks;
    }

    /// <summary>Levels, upgrades, unlocks and achievements at most reachable; its run and wool are the budgets.</summary>
    public PlayerState State { get; }

    /// <summary>The most wool (all types together) producible passively over the window at the ceiling's rates.</summary>
    public BigNumber Passive { get; }

    /// <summary>The most wool the window's clicks yield at the ceiling's click power.</summary>
    public BigNumber Clicks { get; }

    public BigNumber Production => Passive + Clicks;

    public static ReachableCeiling Compute(GameEngine engine, PlayerState baseState, UploadWindow window, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(effects);
        var tuning = engine.Catalog.Tuning;
        var timeFactor = ProductionTimeFactor(engine, window);
        var clicksPerWindow = tuning.MaxClicksPerSecond * window.ClickSeconds;
        var ceiling = baseState.Clone();
        ceiling.PendingOffline = null;
        // The most play time an accepted save can claim, for the play-time achievements.
        ceiling.PlayTimeSeconds = PlayTimeBound.MaxPlayTimeSeconds(baseState, window, tuning);
        Span<double> rates = stackalloc double[GameEngine.MaxWoolTypes];
        while (true)
        {
            var snapshot = engine.CreateSnapshot(ceiling);
            var clickPower = engine.ComputeRates(snapshot, effects, rates);
            var clicks = BigNumber.FromDouble(clicksPerWindow * clickPower);
            var passive = BigNumber.Zero;
            for (var w = 0; w < engine.WoolTypeCount; w++)
            {
                var id = engine.WoolId(w);
                var produced = BigNumber.FromDouble(rates[w] * timeFactor);
                passive += produced;
                ceiling.WoolCounts[id] = baseState.GetWool(id) + produced + (w == engine.BaseWoolOrdinal ? clicks : BigNumber.Zero);
            }

            ceiling.RunWoolProduced = baseState.RunWoolProduced + passive + clicks;
            ceiling.LifetimeWoolProduced = baseState.LifetimeWoolProduced + passive + clicks;
            if (!Grow(engine, baseState, ceiling, engine.PriceMultiplier(snapshot.Upgrades, effects)))
            {
                return new ReachableCeiling(ceiling, passive, clicks);
            }
        }
    }

    /// <summary>Seconds of full-rate production a window can hold: 1.1 × T, and 1.1 more from 12 h (welcome back).</summary>
    internal static double ProductionTimeFactor(GameEngine engine, UploadWindow window)
    {
        var tuning = engine.Catalog.Tuning;
        var bonus = window.AccrualSeconds >= tuning.WelcomeBackAbsenceSeconds ? 1 + tuning.WelcomeBackBonus : 1;
        return tuning.SaveProductionTolerance * window.AccrualSeconds * bonus;
    }

    // One step: everything the current budgets pay for or meet; true when anything was added.
    private static bool Grow(GameEngine engine, PlayerState baseState, PlayerState ceiling, double priceMultiplier)
    {
        var tuning = engine.Catalog.Tuning;
        var tolerance = tuning.ValidationRelativeTolerance;
        var grew = false;
        for (var w = 0; w < engine.WoolTypeCount; w++)
        {
            var id = engine.WoolId(w);
            if (!ceiling.UnlockedWoolTypes.Contains(id) && ceiling.RunWoolProduced.CompareWithTolerance(engine.WoolUnlockCost(w), tolerance) >= 0)
            {
                ceiling.UnlockedWoolTypes.Add(id);
                grew = true;
            }
        }

        for (var b = 0; b < engine.BuildingCount; b++)
        {
            var id = engine.BuildingId(b);
            var from = baseState.GetLevel(id);
            if (from == 0 && !engine.RequirementsMet(ceiling, engine.Building(b).UnlockRequirements))
            {
                continue;
            }

            var budget = ceiling.GetWool(engine.WoolId(engine.BuildingPaidIn(b)));
            var low = Math.Max(from, ceiling.GetLevel(id));
            var high = tuning.MaxBuildingLevel;
            // The largest level whose levels above the base the budget pays for (prices rise with the level).
            while (low < high)
            {
                var mid = low + ((high - low + 1) / 2);
                if (engine.BulkPrice(b, from, mid - from, priceMultiplier).CompareWithTolerance(budget, tolerance) <= 0)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            if (low > ceiling.GetLevel(id))
            {
                ceiling.Buildings[id] = low;
                grew = true;
            }
        }

        foreach (var upgrade in engine.Catalog.Upgrades)
        {
            if (!ceiling.Owns(upgrade.Id)
                && engine.RequirementsMet(ceiling, upgrade.Requirements)
                && upgrade.Cost.CompareWithTolerance(ceiling.GetWool(upgrade.PaidIn), tolerance) <= 0)
            {
                ceiling.Upgrades.Add(upgrade.Id);
                grew = true;
            }
        }

        foreach (var achievement in engine.Catalog.Achievements)
        {
            if (!ceiling.Achievements.Contains(achievement.Id) && engine.AchievementMet(ceiling, achievement.Condition))
            {
                ceiling.Achievements.Add(achievement.Id);
                grew = true;
            }
        }

        return grew;
    }
}
