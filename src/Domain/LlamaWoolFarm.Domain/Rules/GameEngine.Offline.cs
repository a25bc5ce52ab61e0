using System.Numerics;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// Offline progress (GAME_RULES §7): the cap and efficiency, the gains of an absence (stretch by stretch across
// events), and granting them once.
public sealed partial class GameEngine
{
    /// <summary>Offline cap (seconds) and efficiency for a snapshot: GAME_RULES §7 with upgrades and events.</summary>
    public (double CapSeconds, double Efficiency) OfflineTerms(in ProductionSnapshot snapshot, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        double cap = _tuning.BaseOfflineCapSeconds, efficiency = _tuning.BaseOfflineEfficiency;
        var owned = snapshot.Upgrades;
        while (owned != 0)
        {
            var u = BitOperations.TrailingZeroCount(owned);
            owned &= owned - 1;
            if (_upgradeKind[u] == UpgradeEffectKind.OfflineCapSeconds)
            {
                cap += _upgradeValue[u];
            }
            else if (_upgradeKind[u] == UpgradeEffectKind.OfflineEfficiency)
            {
                efficiency += _upgradeValue[u];
            }
        }

        efficiency += (_tuning.OfflineEfficiencyPerSoulShear * snapshot.SoulShears) + effects.OfflineEfficiencyBonus;
        return (Math.Min(cap, _tuning.MaxOfflineCapSeconds), Math.Min(efficiency, _tuning.MaxOfflineEfficiency));
    }

    /// <summary>Gains per wool type (by ordinal) for an offline span at the snapshot's rates: rate × efficiency × min(offline, cap), +10% from 12 h.</summary>
    public OfflineComputation ComputeOfflineGains(in ProductionSnapshot snapshot, ActiveEffects effects, double offlineSeconds, Span<double> gains)
    {
        var (cap, efficiency) = OfflineTerms(snapshot, effects);
        var offline = offlineSeconds > 0 ? offlineSeconds : 0;
        var capped = Math.Min(offline, cap);
        var bonus = offline >= _tuning.WelcomeBackAbsenceSeconds;
        ComputeRates(snapshot, effects, gains);
        var factor = efficiency * capped * (bonus ? 1 + _tuning.WelcomeBackBonus : 1);
        var output = gains[.._woolIds.Length];
        for (var w = 0; w < output.Length; w++)
        {
            output[w] *= factor;
        }

        return new OfflineComputation(offline, capped, efficiency, bonus);
    }

    /// <summary>
    /// Gains per wool type for an absence that began at <paramref name="absenceStart"/>, with events starting or
    /// ending during it: the cap counts offline seconds from the start of the absence, each capped second earns at
    /// the rate and efficiency of the stretch it falls in, and the welcome-back bonus applies to the whole as
    /// before. The reported efficiency is the time-weighted mean over the capped seconds. With one set of effects
    /// over the capped seconds it is exactly the single-rate computation.
    /// </summary>
    public OfflineComputation ComputeOfflineGains(in ProductionSnapshot snapshot, EffectsTimeline timeline, DateTimeOffset absenceStart, double offlineSeconds, Span<double> gains)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var offline = offlineSeconds > 0 ? offlineSeconds : 0;
        // Events change the efficiency only; the cap comes from upgrades.
        var capped = Math.Min(offline, OfflineTerms(snapshot, ActiveEffects.None).CapSeconds);
        var cappedEnd = absenceStart.AddTicks((long)Math.Round(capped * TimeSpan.TicksPerSecond));
        if (timeline.TryGetUniform(absenceStart, cappedEnd, out var uniform))
        {
            return ComputeOfflineGains(snapshot, uniform, offlineSeconds, gains);
        }

        var bonus = offline >= _tuning.WelcomeBackAbsenceSeconds;
        var bonusFactor = bonus ? 1 + _tuning.WelcomeBackBonus : 1;
        Span<double> rates = stackalloc double[MaxWoolTypes];
        var output = gains[.._woolIds.Length];
        output.Clear();
        double weightedEfficiency = 0;
        foreach (var piece in timeline.Between(absenceStart, cappedEnd))
        {
            var seconds = SecondsWithin(piece, absenceStart, cappedEnd, capped);
            var efficiency = OfflineTerms(snapshot, piece.Effects).Efficiency;
            ComputeRates(snapshot, piece.Effects, rates);
            var factor = efficiency * seconds * bonusFactor;
            for (var w = 0; w < output.Length; w++)
            {
                output[w] += rates[w] * factor;
            }

            weightedEfficiency += efficiency * seconds;
        }

        return new OfflineComputation(offline, capped, weightedEfficiency / capped, bonus);
    }

    private void GrantOffline(PlayerState state, OfflineProgress pending, Dictionary<string, BigNumber> gained)
    {
        foreach (var (id, amount) in pending.WoolEarned)
        {
            if (_woolIndex.TryGetValue(id, out var w) && amount.Sign > 0)
            {
                Produce(state, w, amount, gained);
            }
        }

        state.LastGrantedAbsenceId = pending.AbsenceId;
        state.PendingOffline = null;
    }
}
