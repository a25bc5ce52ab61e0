using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// Materialization (GAME_RULES §4 "Time on the server"): production up to the server's now, online within the grace,
// the rest as the absence's pending offline grant.
public sealed partial class GameEngine
{
    /// <summary>
    /// The earliest moment whose effects materializing the state reads: its last materialization, or the start of
    /// its still-unclaimed absence, whose grant is re-computed as a whole.
    /// </summary>
    public static DateTimeOffset AccrualStart(PlayerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pending = state.PendingOffline?.OfflineSeconds ?? 0;
        return state.LastMaterializedAt.AddTicks(-(long)Math.Round(pending * TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// Accrues production up to now: full rate up to 120 s after the last activity, the rest becomes the
    /// absence's pending offline grant. A now earlier than the last materialization changes nothing. Events that
    /// start or end in the interval cut it: each stretch accrues at its own rate (online and offline).
    /// </summary>
    public ActionResult Materialize(PlayerState state, DateTimeOffset now, EffectsTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeline);
        var changes = new ChangeSet();
        MaterializeCore(state, now, timeline, changes);
        return changes.ToResult();
    }

    private void MaterializeCore(PlayerState state, DateTimeOffset now, EffectsTimeline timeline, ChangeSet changes)
    {
        var from = state.LastMaterializedAt;
        if (now <= from)
        {
            return;
        }

        var onlineUntil = state.LastActiveAt.AddSeconds(_tuning.OnlineGraceSeconds);
        var onlineEnd = now < onlineUntil ? now : onlineUntil;
        var onlineSeconds = onlineEnd > from ? (onlineEnd - from).TotalSeconds : 0;
        var offlineStart = from > onlineUntil ? from : onlineUntil;
        var offlineSeconds = now > offlineStart ? (now - offlineStart).TotalSeconds : 0;
        Span<double> amounts = stackalloc double[MaxWoolTypes];

        if (onlineSeconds > 0)
        {
            ComputeOnlineProduction(CreateSnapshot(state), timeline, from, onlineEnd, onlineSeconds, amounts);
            for (var w = 0; w < _woolIds.Length; w++)
            {
                if (amounts[w] > 0)
                {
                    Produce(state, w, BigNumber.FromDouble(amounts[w]), changes.Accrued);
                }
            }

            state.PlayTimeSeconds += onlineSeconds;
            UpdateUnlocksAndAchievements(state, changes);
        }

        if (offlineSeconds > 0)
        {
            var absenceId = state.LastActiveAt.ToUnixTimeMilliseconds();
            var pending = state.PendingOffline;
            if (pending is not null && pending.AbsenceId != absenceId)
            {
                // A new absence began before the previous one was claimed: the old grant is owed, so it is applied now, once.
                GrantOffline(state, pending, changes.Gained);
                changes.AutoGranted = pending;
                pending = null;
            }

            // The grant is re-computed for the whole absence, which began where the earlier offline seconds did.
            var earlierOffline = pending?.OfflineSeconds ?? 0;
            var absenceStart = offlineStart.AddTicks(-(long)Math.Round(earlierOffline * TimeSpan.TicksPerSecond));
            var computation = ComputeOfflineGains(CreateSnapshot(state), timeline, absenceStart, earlierOffline + offlineSeconds, amounts);
            var earned = new Dictionary<string, BigNumber>();
            for (var w = 0; w < _woolIds.Length; w++)
            {
                if (amounts[w] > 0)
                {
                    earned[_woolIds[w]] = BigNumber.FromDouble(amounts[w]);
                }
            }

            state.PendingOffline = new OfflineProgress
            {
                AbsenceId = absenceId,
                OfflineSeconds = computation.OfflineSeconds,
                CappedSeconds = computation.CappedSeconds,
                Efficiency = computation.Efficiency,
                BonusApplied = computation.BonusApplied,
                WoolEarned = earned,
            };
        }

        state.LastMaterializedAt = now;
    }
}
