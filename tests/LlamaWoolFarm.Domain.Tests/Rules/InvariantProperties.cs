using FsCheck.Xunit;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Rules;

/// <summary>Random honest play through the engine only, seeded by FsCheck so a failure names its seed.</summary>
public class InvariantProperties
{
    private static readonly string[] Buildings = [.. Engine.Catalog.Buildings.Select(b => b.Id)];
    private static readonly string[] Upgrades = [.. Engine.Catalog.Upgrades.Select(u => u.Id)];

    [Property(MaxTest = 150)]
    public void Honest_play_never_makes_an_amount_negative_and_purchases_never_create_wool(int seed)
    {
        var random = new Random(seed);
        var state = NewPlayer();
        var now = T0;
        for (var step = 0; step < 40; step++)
        {
            var before = state.Clone();
            var (result, kind) = Step(state, random, ref now);
            Assert.All(state.WoolCounts.Values, v => Assert.False(v.IsNegative));
            Assert.False(state.RunWoolProduced.IsNegative);
            if (result.Success && kind == StepKind.Purchase)
            {
                Assert.Empty(result.Gained);
                foreach (var (id, count) in state.WoolCounts)
                {
                    var accrued = result.Accrued.TryGetValue(id, out var a) ? a : BigNumber.Zero;
                    Assert.True(count.CompareWithTolerance(before.GetWool(id) + accrued) <= 0, $"{id} grew on a purchase");
                }
            }

            if (!result.Success)
            {
                Assert.NotNull(result.ErrorCode);
            }
        }
    }

    [Property(MaxTest = 150)]
    public void The_validator_accepts_every_state_honest_play_produces_and_refuses_it_inflated(int seed)
    {
        var random = new Random(seed);
        var state = NewPlayer();
        var now = T0;
        for (var step = 0; step < 20; step++)
        {
            Step(state, random, ref now);
        }

        var baseState = state.Clone();
        for (var step = 0; step < 25; step++)
        {
            Step(state, random, ref now);
        }

        Engine.Materialize(state, now, EffectsTimeline.Empty);
        var save = SaveConversion.ToSave(state);
        var honest = SaveValidator.V1.Validate(baseState, save, now, ActiveEffects.None);
        Assert.True(honest.IsValid, $"seed {seed}: " + string.Join("; ", honest.Violations));

        var bound = honest.Bounds.First(b => b.WoolId == "basic");
        save.WoolCounts["basic"] = (state.GetWool("basic") + (bound.Allowance * BigNumber.FromDouble(2)) + BigNumber.FromDouble(1000)).ToString();
        var inflated = SaveValidator.V1.Validate(baseState, save, now, ActiveEffects.None);
        Assert.Contains(inflated.Violations, v => v.RuleId == SaveRules.ProductionExceedsBound && v.Subject == "basic");

        save = SaveConversion.ToSave(state);
        var totalAllowance = honest.Bounds.Aggregate(BigNumber.Zero, (sum, b) => sum + b.Allowance);
        save.RunWoolProduced = (state.RunWoolProduced + (totalAllowance * BigNumber.FromDouble(2)) + BigNumber.FromDouble(1000)).ToString();
        Assert.Contains(SaveValidator.V1.Validate(baseState, save, now, ActiveEffects.None).Violations, v => v.RuleId == SaveRules.RunExceedsBound);
    }

    private enum StepKind
    {
        Time,
        Click,
        Purchase,
        Offline,
        Prestige,
    }

    private static (ActionResult Result, StepKind Kind) Step(PlayerState state, Random random, ref DateTimeOffset now)
    {
        var effects = random.Next(10) == 0 ? new ActiveEffects { BuildingPriceMultiplier = 0.75 } : ActiveEffects.None;
        switch (random.Next(12))
        {
            case 0 or 1:
                now = now.AddSeconds(random.Next(1, 300));
                return (Engine.Heartbeat(state, now, EffectsTimeline.Empty), StepKind.Time);
            case 2 or 3:
                var seconds = random.Next(1, 6);
                now = now.AddSeconds(seconds);
                return (Engine.ApplyClicks(state, random.Next(1, (seconds * 20) + 1), now, EffectsTimeline.Empty), StepKind.Click);
            case 4 or 5 or 6:
                now = now.AddSeconds(random.Next(0, 30));
                return (Engine.PurchaseBuilding(state, Buildings[random.Next(Math.Min(Buildings.Length, 4))], random.Next(1, 4), now, EffectsTimeline.Empty), StepKind.Purchase);
            case 7 or 8:
                now = now.AddSeconds(random.Next(0, 30));
                return (Engine.PurchaseUpgrade(state, Upgrades[random.Next(Upgrades.Length)], now, EffectsTimeline.Constant(effects)), StepKind.Purchase);
            case 9 or 10:
                now = now.AddSeconds(random.Next(600, 40 * 3600));
                Engine.Materialize(state, now, EffectsTimeline.Empty);
                return random.Next(3) == 0
                    ? (Engine.Materialize(state, now, EffectsTimeline.Empty), StepKind.Offline)
                    : (Engine.ClaimOfflineProgress(state, now, EffectsTimeline.Empty), StepKind.Offline);
            default:
                return (Engine.Prestige(state, now, EffectsTimeline.Empty), StepKind.Prestige);
        }
    }
}
