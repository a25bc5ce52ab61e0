using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

// The player's actions, one public entry each: heartbeat, clicks, building and upgrade purchases, prestige, and
// reading and claiming offline progress. Each materializes a copy of the state first and writes it back only on
// success (Execute).
public sealed partial class GameEngine
{
    /// <summary>A realtime heartbeat: materializes and marks the player active (keeps time online).</summary>
    public ActionResult Heartbeat(PlayerState state, DateTimeOffset now, EffectsTimeline timeline) =>
        Execute(state, now, timeline, static (_, _, _) => null);

    /// <summary>
    /// Applies a batch of clicks. Clicks spend an allowance of 20 per second of server time that banks at most
    /// 5 s (a full batch of 100), so a long pause does not bank more. The production since the last materialization
    /// is counted stretch by stretch; the clicks themselves use the effects at <paramref name="now"/>.
    /// <paramref name="clickedAt"/> is when the server accepted the batch (the gateway's clock, never later than
    /// <paramref name="now"/>): the allowance is measured in acceptance times, so batches a player spread out are
    /// not refused because a backlog or an outage delivered them together, nor because two game workers applied
    /// them out of acceptance order — a batch may spend allowance up to the latest acceptance time counted.
    /// </summary>
    public ActionResult ApplyClicks(PlayerState state, int count, DateTimeOffset now, EffectsTimeline timeline, DateTimeOffset? clickedAt = null)
    {
        if (count < _tuning.MinQuantity || count > _tuning.MaxQuantity)
        {
            return ActionResult.Refused(ErrorCodes.InvalidQuantity, $"A click batch holds {_tuning.MinQuantity} to {_tuning.MaxQuantity} clicks.");
        }

        var effects = EffectsAt(timeline, now);
        return Execute(state, now, timeline, (work, changes, engine) =>
        {
            var at = clickedAt is { } accepted && accepted < now ? accepted : now;
            var latest = at > work.LastClickAt ? at : work.LastClickAt;
            var spentUntil = engine.SpendClicks(work.ClickAllowanceSpentUntil, at, count);
            if (spentUntil > latest.AddTicks(Tolerance))
            {
                return ErrorCodes.RateLimitedAction;
            }

            var clickPower = BigNumber.FromDouble(engine.ComputeClickPower(engine.CreateSnapshot(work), effects));
            engine.Produce(work, engine._baseWool, clickPower * count, changes.Gained);
            work.LastClickAt = latest;
            work.ClickAllowanceSpentUntil = spentUntil;
            return null;
        });
    }

    /// <summary>A purchase after production counted stretch by stretch; the price uses the effects at <paramref name="now"/>.</summary>
    public ActionResult PurchaseBuilding(PlayerState state, string buildingId, int quantity, DateTimeOffset now, EffectsTimeline timeline)
    {
        if (buildingId is null || !_buildingIndex.TryGetValue(buildingId, out var b))
        {
            return ActionResult.Refused(ErrorCodes.UnknownBuilding, $"There is no building '{buildingId}'.");
        }

        if (quantity < _tuning.MinQuantity || quantity > _tuning.MaxQuantity)
        {
            return ActionResult.Refused(ErrorCodes.InvalidQuantity, $"A purchase buys {_tuning.MinQuantity} to {_tuning.MaxQuantity} units.");
        }

        var effects = EffectsAt(timeline, now);
        return Execute(state, now, timeline, (work, changes, engine) =>
        {
            var level = work.GetLevel(buildingId);
            if (level == 0 && !engine.RequirementsMet(work, engine._buildings[b].UnlockRequirements))
            {
                return ErrorCodes.BuildingLocked;
            }

            if (level + quantity > engine._tuning.MaxBuildingLevel)
            {
                return ErrorCodes.MaxLevelReached;
            }

            var price = engine.BulkPrice(b, level, quantity, engine.PriceMultiplier(engine.CreateSnapshot(work).Upgrades, effects));
            if (!engine.TrySpend(work, engine._buildingPaidIn[b], price, changes))
            {
                return ErrorCodes.InsufficientResources;
            }

            work.Buildings[buildingId] = level + quantity;
            return null;
        });
    }

    /// <summary>An upgrade purchase after production counted stretch by stretch.</summary>
    public ActionResult PurchaseUpgrade(PlayerState state, string upgradeId, DateTimeOffset now, EffectsTimeline timeline)
    {
        if (upgradeId is null || !_upgradeIndex.TryGetValue(upgradeId, out var u))
        {
            return ActionResult.Refused(ErrorCodes.UnknownUpgrade, $"There is no upgrade '{upgradeId}'.");
        }

        return Execute(state, now, timeline, (work, changes, engine) =>
        {
            var upgrade = engine._upgrades[u];
            if (work.Owns(upgradeId))
            {
                return ErrorCodes.UpgradeAlreadyOwned;
            }

            if (!engine.RequirementsMet(work, upgrade.Requirements))
            {
                return ErrorCodes.UpgradeLocked;
            }

            if (!engine.TrySpend(work, engine._upgradePaidIn[u], upgrade.Cost, changes))
            {
                return ErrorCodes.InsufficientResources;
            }

            work.Upgrades.Add(upgradeId);
            return null;
        });
    }

    /// <summary>
    /// GAME_RULES §8, after production counted stretch by stretch; the gain uses the prestige multiplier at
    /// <paramref name="now"/>. An unclaimed offline grant is applied first: it belongs to the run being cashed in.
    /// </summary>
    public ActionResult Prestige(PlayerState state, DateTimeOffset now, EffectsTimeline timeline)
    {
        var effects = EffectsAt(timeline, now);
        return Execute(state, now, timeline, (work, changes, engine) =>
        {
            if (work.PendingOffline is { } pending)
            {
                engine.GrantOffline(work, pending, changes.Gained);
                changes.AutoGranted = pending;
            }

            var gain = engine.PrestigeGainFor(work.RunWoolProduced, work.TotalPrestiges, effects);
            if (gain < 1)
            {
                return ErrorCodes.InvalidPrestige;
            }

            engine.ResetRun(work);
            work.SoulShears += gain;
            work.TotalPrestiges++;
            changes.PrestigeGain = gain;
            return null;
        });
    }

    /// <summary>The pending offline grant at server time now, without changing the state; NO_OFFLINE_PROGRESS when there is none.</summary>
    public ActionResult GetOfflineProgress(PlayerState state, DateTimeOffset now, EffectsTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeline);
        var work = state.Clone();
        var changes = new ChangeSet();
        MaterializeCore(work, now, timeline, changes);
        return work.PendingOffline is { } pending
            ? changes.ToResult() with { Offline = pending.Clone() }
            : ActionResult.Refused(ErrorCodes.NoOfflineProgress, "There is no offline progress to claim.");
    }

    /// <summary>Grants the pending offline gains once; a second claim for the same absence is NO_OFFLINE_PROGRESS.</summary>
    public ActionResult ClaimOfflineProgress(PlayerState state, DateTimeOffset now, EffectsTimeline timeline) =>
        Execute(state, now, timeline, static (work, changes, engine) =>
        {
            if (work.PendingOffline is not { } pending)
            {
                return ErrorCodes.NoOfflineProgress;
            }

            engine.GrantOffline(work, pending, changes.Gained);
            changes.Offline = pending;
            return null;
        });

    // Rounding of count / 20 s to ticks must not refuse a batch that fits exactly.
    private const long Tolerance = 10;

    /// <summary>
    /// Where the click allowance is spent to after <paramref name="count"/> clicks accepted at <paramref name="at"/>:
    /// the allowance before <paramref name="at"/> minus the longest bank (a full batch, 5 s) has lapsed.
    /// </summary>
    internal DateTimeOffset SpendClicks(DateTimeOffset spentUntil, DateTimeOffset at, int count)
    {
        var bank = TimeSpan.FromSeconds((double)_tuning.MaxQuantity / _tuning.MaxClicksPerSecond);
        var floor = at - bank;
        var start = spentUntil > floor ? spentUntil : floor;
        return start + TimeSpan.FromSeconds((double)count / _tuning.MaxClicksPerSecond);
    }

    private static ActiveEffects EffectsAt(EffectsTimeline timeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.At(now);
    }

    private ActionResult Execute(PlayerState state, DateTimeOffset now, EffectsTimeline timeline, Func<PlayerState, ChangeSet, GameEngine, string?> action)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeline);
        var work = state.Clone();
        var changes = new ChangeSet();
        MaterializeCore(work, now, timeline, changes);
        var error = action(work, changes, this);
        if (error is not null)
        {
            return ActionResult.Refused(error, DescribeRefusal(error));
        }

        if (now > work.LastActiveAt)
        {
            work.LastActiveAt = now;
        }

        UpdateUnlocksAndAchievements(work, changes);
        state.CopyFrom(work);
        return changes.ToResult();
    }

    private static string DescribeRefusal(string code) => code switch
    {
        ErrorCodes.InsufficientResources => "Not enough wool to pay the full price.",
        ErrorCodes.BuildingLocked => "The building's unlock requirements are not met.",
        ErrorCodes.UpgradeLocked => "The upgrade's requirements are not met.",
        ErrorCodes.UpgradeAlreadyOwned => "The upgrade is already owned.",
        ErrorCodes.MaxLevelReached => "The purchase would exceed the maximum building level.",
        ErrorCodes.RateLimitedAction => "More clicks than 20 per second of elapsed time.",
        ErrorCodes.InvalidPrestige => "Prestige needs a larger run and a gain of at least one Soul Shear.",
        ErrorCodes.NoOfflineProgress => "There is no offline progress to claim.",
        _ => code,
    };
}
