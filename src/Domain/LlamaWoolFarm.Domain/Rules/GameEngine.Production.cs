using System.Numerics;
using System.Runtime.CompilerServices;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// Production (GAME_RULES §4, with upgrades §5, achievements §6, prestige bonuses §8 and events §9): the snapshot, the
// rate formula (the hot path), online accrual and net worth.
public sealed partial class GameEngine
{
    public ProductionSnapshot CreateSnapshot(PlayerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var snapshot = new ProductionSnapshot
        {
            SoulShears = state.SoulShears,
            GoldenFleece = state.GoldenFleece,
            UnlockedWool = 1UL << _baseWool,
        };
        for (var b = 0; b < _buildingIds.Length; b++)
        {
            snapshot.SetLevel(b, state.GetLevel(_buildingIds[b]));
        }

        foreach (var id in state.UnlockedWoolTypes)
        {
            if (_woolIndex.TryGetValue(id, out var w))
            {
                snapshot.UnlockedWool |= 1UL << w;
            }
        }

        foreach (var id in state.Upgrades)
        {
            if (_upgradeIndex.TryGetValue(id, out var u))
            {
                snapshot.Upgrades |= 1UL << u;
            }
        }

        var achievements = 0;
        foreach (var id in state.Achievements)
        {
            if (_achievementIds.Contains(id))
            {
                achievements++;
            }
        }

        snapshot.AchievementCount = Math.Min(achievements, _achievementFactor.Length - 1);
        return snapshot;
    }

    /// <summary>
    /// Per-second production of every wool type (by ordinal) into rates; returns the click power.
    /// Doubles suffice here: with every multiplier of the catalog, levels ≤ 1000 and Soul Shears and Golden
    /// Fleece below 2^63, a rate stays below 1e70, far inside double's range; amounts become big numbers
    /// only when they are added to the (unbounded) wool counts.
    /// </summary>
    // The two scratch spans are filled before any read; zeroing 768 bytes first cost a fifth of the call.
    [SkipLocalsInit]
    public double ComputeRates(in ProductionSnapshot snapshot, ActiveEffects effects, Span<double> rates)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var woolCount = _woolIds.Length;
        var buildingCount = _buildingIds.Length;
        if (rates.Length < woolCount)
        {
            throw new ArgumentException("The span is shorter than the number of wool types.", nameof(rates));
        }

        Span<double> buildingMultiplier = stackalloc double[ProductionSnapshot.MaxBuildings];
        Span<double> woolMultiplier = stackalloc double[MaxWoolTypes];
        buildingMultiplier[..buildingCount].Fill(1);
        woolMultiplier[..woolCount].Fill(1);
        double production = 1, click = 1, autoClicks = 0, allBuildings = 1;
        var owned = snapshot.Upgrades;
        while (owned != 0)
        {
            var u = BitOperations.TrailingZeroCount(owned);
            owned &= owned - 1;
            var value = _upgradeValue[u];
            switch (_upgradeKind[u])
            {
                case UpgradeEffectKind.ClickMultiplier:
                    click *= value;
                    break;
                case UpgradeEffectKind.ProductionMultiplier:
                    production *= value;
                    break;
                case UpgradeEffectKind.BuildingMultiplier when _upgradeTarget[u] < 0:
                    allBuildings *= value;
                    break;
                case UpgradeEffectKind.BuildingMultiplier:
                    buildingMultiplier[_upgradeTarget[u]] *= value;
                    break;
                case UpgradeEffectKind.WoolTierMultiplier:
                    for (var w = _upgradeTarget[u]; w < woolCount; w++)
                    {
                        woolMultiplier[w] *= value;
                    }

                    break;
                case UpgradeEffectKind.AutoClicks:
                    autoClicks += value;
                    break;
                default:
                    break;
            }
        }

        var soulShears = (double)snapshot.SoulShears;
        var global = production
            * (1 + (_tuning.SoulShearProductionBonus * soulShears))
            * _achievementFactor[snapshot.AchievementCount]
            * (1 + (_tuning.GoldenFleeceBonus * snapshot.GoldenFleece))
            * effects.ProductionMultiplier;
        var clickPower = click * global;
        var buildingBonus = allBuildings * (1 + (_tuning.SoulShearBuildingBonus * soulShears));

        var output = rates[..woolCount];
        output.Clear();
        output[_baseWool] = _tuning.StartingLlamaProduction + (autoClicks * clickPower);
        for (var p = 0; p < _produceBuilding.Length; p++)
        {
            var b = _produceBuilding[p];
            output[_produceWool[p]] += _buildingBaseProduction[b] * snapshot.GetLevel(b) * buildingMultiplier[b] * buildingBonus;
        }

        var unlocked = snapshot.UnlockedWool | (1UL << _baseWool);
        for (var w = 0; w < woolCount; w++)
        {
            output[w] = ((unlocked >> w) & 1) != 0 ? output[w] * _woolRate[w] * global * woolMultiplier[w] : 0;
        }

        return clickPower;
    }

    public double ComputeClickPower(in ProductionSnapshot snapshot, ActiveEffects effects)
    {
        Span<double> rates = stackalloc double[MaxWoolTypes];
        return ComputeRates(snapshot, effects, rates);
    }

    /// <summary>
    /// Production per wool type over [from, until) while online, each stretch at its own rate; with one set of
    /// effects over the interval it is exactly rate × <paramref name="seconds"/>.
    /// </summary>
    public void ComputeOnlineProduction(in ProductionSnapshot snapshot, EffectsTimeline timeline, DateTimeOffset from, DateTimeOffset until, double seconds, Span<double> amounts)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var output = amounts[.._woolIds.Length];
        if (timeline.TryGetUniform(from, until, out var uniform))
        {
            ComputeRates(snapshot, uniform, amounts);
            for (var w = 0; w < output.Length; w++)
            {
                output[w] *= seconds;
            }

            return;
        }

        Span<double> rates = stackalloc double[MaxWoolTypes];
        output.Clear();
        foreach (var piece in timeline.Between(from, until))
        {
            var pieceSeconds = SecondsWithin(piece, from, until, seconds);
            ComputeRates(snapshot, piece.Effects, rates);
            for (var w = 0; w < output.Length; w++)
            {
                output[w] += rates[w] * pieceSeconds;
            }
        }
    }

    public Dictionary<string, BigNumber> ComputeRates(PlayerState state, ActiveEffects effects)
    {
        var snapshot = CreateSnapshot(state);
        Span<double> rates = stackalloc double[MaxWoolTypes];
        ComputeRates(snapshot, effects, rates);
        var result = new Dictionary<string, BigNumber>(_woolIds.Length);
        for (var w = 0; w < _woolIds.Length; w++)
        {
            result[_woolIds[w]] = BigNumber.FromDouble(rates[w]);
        }

        return result;
    }

    public BigNumber ClickPower(PlayerState state, ActiveEffects effects) =>
        BigNumber.FromDouble(ComputeClickPower(CreateSnapshot(state), effects));

    /// <summary>GAME_RULES §2: Σ count × baseValue over the wool types of the catalog.</summary>
    public BigNumber NetWorth(PlayerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var total = BigNumber.Zero;
        for (var w = 0; w < _woolIds.Length; w++)
        {
            total += state.GetWool(_woolIds[w]) * _woolBaseValue[w];
        }

        return total;
    }

    private void Produce(PlayerState state, int wool, BigNumber amount, Dictionary<string, BigNumber> log)
    {
        var id = _woolIds[wool];
        state.WoolCounts[id] = state.GetWool(id) + amount;
        state.RunWoolProduced += amount;
        state.LifetimeWoolProduced += amount;
        log[id] = (log.TryGetValue(id, out var logged) ? logged : BigNumber.Zero) + amount;
    }

    /// <summary>Seconds of a piece of [start, end) that spans <paramref name="total"/> seconds; the last piece ends at exactly total.</summary>
    private static double SecondsWithin(EffectsPiece piece, DateTimeOffset start, DateTimeOffset end, double total)
    {
        var from = (piece.From - start).TotalSeconds;
        var until = piece.Until >= end ? total : (piece.Until - start).TotalSeconds;
        return until > from ? until - from : 0;
    }
}
