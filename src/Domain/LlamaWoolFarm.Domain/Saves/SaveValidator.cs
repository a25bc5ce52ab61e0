using System.Runtime.CompilerServices;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>Produced and allowed wool of one type over the upload window.</summary>
public readonly record struct WoolBound(string WoolId, BigNumber Produced, BigNumber Allowance);

public sealed record SaveValidationResult(
    IReadOnlyList<SaveRuleViolation> Violations,
    IReadOnlyList<WoolBound> Bounds,
    PlayerState? Accepted)
{
    public bool IsValid => Violations.Count == 0;
}

/// <summary>
/// Checks an uploaded (already migrated) save against the server's last accepted state and clock (GAME_RULES §10)
/// and names every rule it breaks.
/// </summary>
/// <remarks>
/// The production bound per wool type: produced = final − base + the least the added levels and upgrades can have
/// cost (every price cut that may have applied); allowed = 1.1 × rate(final save) × T × 1.1 when T ≥ 12 h (the
/// welcome-back bonus is the only way to beat the full rate) + for basic wool 20 clicks/s × click seconds × click
/// power. T is the server time since the base was materialized plus the base's still-unclaimed offline time; the
/// click seconds run from the base's last click (<see cref="UploadWindow"/>). Rates only rise within a run, so the
/// final rate bounds every state in between. What the save holds must also be reachable from the base
/// (<see cref="ReachableCeiling"/>): no level or new upgrade beyond what the window's production could have paid
/// for, and across a prestige the run cashed in grew by at most the ceiling's production.
/// </remarks>
public sealed class SaveValidator(GameEngine engine)
{
    // About four units in the last place of a double mantissa.
    private static readonly BigNumber RoundingSlack = BigNumber.FromDouble(1e-15);

    public static SaveValidator V1 { get; } = new(GameEngine.V1);

    public GameEngine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>
    /// Validates with the events of the window: the bound uses the most generous effects of any event in force at
    /// some moment between the earliest production the upload may contain (the base's unclaimed offline time and
    /// the click look-back before it) and <paramref name="serverNow"/>, so an honest save is never refused for an
    /// event, at the price of a looser bound around one.
    /// </summary>
    public SaveValidationResult Validate(PlayerState baseState, GameSave save, DateTimeOffset serverNow, EffectsTimeline events)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(events);
        return Validate(baseState, save, serverNow, events.Envelope(WindowStart(baseState), serverNow));
    }

    /// <summary>The earliest moment whose production an upload built on <paramref name="baseState"/> may contain.</summary>
    public static DateTimeOffset WindowStart(PlayerState baseState)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        return GameEngine.AccrualStart(baseState).AddSeconds(-UploadWindow.ClickLookBackSeconds);
    }

    public SaveValidationResult Validate(PlayerState baseState, GameSave save, DateTimeOffset serverNow, ActiveEffects effectsDuringWindow)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(effectsDuringWindow);
        var tuning = Engine.Catalog.Tuning;
        var tolerance = tuning.ValidationRelativeTolerance;
        var violations = new List<SaveRuleViolation>();
        var candidate = SaveConversion.Read(save, baseState, serverNow, Engine, violations);
        var amountsReadable = !violations.Exists(v => v.RuleId == SaveRules.AmountInvalid);

        if (save.PlayerId is { Length: > 0 } playerId && !SavePlayerId.Matches(playerId, baseState.PlayerId))
        {
            violations.Add(new(SaveRules.PlayerMismatch, "playerId", "The save belongs to another player."));
        }

        var latestAllowed = serverNow.AddSeconds(tuning.SaveClockSkewSeconds).ToUnixTimeMilliseconds();
        if (save.Timestamp > latestAllowed)
        {
            violations.Add(new(SaveRules.TimeAheadOfServer, "timestamp", "More than 5 minutes ahead of the server clock."));
        }

        if (save.LastSaveTime > latestAllowed)
        {
            violations.Add(new(SaveRules.TimeAheadOfServer, "lastSaveTime", "More than 5 minutes ahead of the server clock."));
        }

        var window = UploadWindow.Of(baseState, serverNow);

        var prestiges = save.TotalPrestiges - baseState.TotalPrestiges;
        var prestiged = prestiges == 1;
        if (prestiges is < 0 or > 1 || (prestiges == 0 && save.SoulShears != baseState.SoulShears))
        {
            violations.Add(new(SaveRules.PrestigeIllegal, "totalPrestiges", "Soul Shears and prestiges change only by one legal prestige per upload."));
        }

        if (save.GoldenFleece > baseState.GoldenFleece)
        {
            violations.Add(new(SaveRules.GoldenFleeceIncreased, "goldenFleece", "Golden Fleece is granted by the server only."));
        }

        if (candidate.LifetimeWoolProduced < baseState.LifetimeWoolProduced)
        {
            violations.Add(new(SaveRules.LifetimeDecreased, "lifetimeWoolProduced", "Lifetime production never decreases."));
        }

        // The slack is shared by a chain of uploads (PlayTimeBound), so chained uploads cannot add it once each.
        var maxPlayTime = PlayTimeBound.MaxPlayTimeSeconds(baseState, window, tuning);
        if (candidate.PlayTimeSeconds > maxPlayTime)
        {
            violations.Add(new(SaveRules.PlayTimeExceedsElapsed, "playTime", $"More play time than server time has passed: at most {maxPlayTime:0.###} s."));
        }

        var ceiling = ReachableCeiling.Compute(Engine, baseState, window, effectsDuringWindow);
        CheckBuildingsAndUpgrades(baseState, candidate, prestiged, violations);
        if (!prestiged)
        {
            CheckReachable(baseState, candidate, ceiling, violations);
        }

        CheckUnlocksAndAchievements(baseState, candidate, prestiged ? ceiling : null, violations);

        var bounds = new List<WoolBound>(Engine.WoolTypeCount);
        if (amountsReadable)
        {
            CheckProduction(baseState, candidate, prestiged, window, ceiling, effectsDuringWindow, violations, bounds, tolerance);
        }

        return new SaveValidationResult(violations, bounds, violations.Count == 0 ? candidate : null);
    }

    private void CheckBuildingsAndUpgrades(PlayerState baseState, PlayerState candidate, bool prestiged, List<SaveRuleViolation> violations)
    {
        var tuning = Engine.Catalog.Tuning;
        for (var b = 0; b < Engine.BuildingCount; b++)
        {
            var id = Engine.BuildingId(b);
            var level = candidate.GetLevel(id);
            var baseLevel = prestiged ? 0 : baseState.GetLevel(id);
            if (level > tuning.MaxBuildingLevel)
            {
                violations.Add(new(SaveRules.BuildingLevelOutOfRange, id, $"Above the maximum level {tuning.MaxBuildingLevel}."));
            }

            if (level < baseLevel)
            {
                violations.Add(new(SaveRules.BuildingLevelDecreased, id, "Levels only rise within a run."));
            }
            else if (level - baseLevel > tuning.SaveMaxLevelsPerUpload)
            {
                violations.Add(new(SaveRules.BuildingTooManyLevels, id, $"More than {tuning.SaveMaxLevelsPerUpload} levels in one upload."));
            }

            // Wool-stock requirements held at purchase time and may since have been spent; level requirements only rise.
            if (level > 0 && baseLevel == 0 && !LevelRequirementsMet(candidate, Engine.Building(b).UnlockRequirements))
            {
                violations.Add(new(SaveRules.BuildingLocked, id, "Built without its unlock requirements."));
            }
        }

        foreach (var id in baseState.Upgrades)
        {
            var survives = Engine.TryGetUpgradeOrdinal(id, out var u) && Engine.Upgrade(u).SurvivesPrestige;
            if ((!prestiged || survives) && !candidate.Owns(id))
            {
                violations.Add(new(SaveRules.UpgradeRemoved, id, "Upgrades are lost only to a prestige, and prestige upgrades never."));
            }
        }

        foreach (var id in candidate.Upgrades)
        {
            if (!baseState.Owns(id) && Engine.TryGetUpgradeOrdinal(id, out var u) && !LevelRequirementsMet(candidate, Engine.Upgrade(u).Requirements))
            {
                violations.Add(new(SaveRules.UpgradeLocked, id, "Bought without its requirements."));
            }
        }
    }

    // Within a run every level and new upgrade was paid from the base's stock and the window's production.
    private void CheckReachable(PlayerState baseState, PlayerState candidate, ReachableCeiling ceiling, List<SaveRuleViolation> violations)
    {
        for (var b = 0; b < Engine.BuildingCount; b++)
        {
            var id = Engine.BuildingId(b);
            var level = candidate.GetLevel(id);
            if (level > baseState.GetLevel(id) && level > ceiling.State.GetLevel(id))
            {
                violations.Add(new(SaveRules.BuildingUnaffordable, id, $"At most level {ceiling.State.GetLevel(id)} could have been paid for since the last accepted state."));
            }
        }

        foreach (var id in candidate.Upgrades)
        {
            if (!baseState.Owns(id) && !ceiling.State.Owns(id) && Engine.TryGetUpgradeOrdinal(id, out var u) && LevelRequirementsMet(candidate, Engine.Upgrade(u).Requirements))
            {
                violations.Add(new(SaveRules.UpgradeUnaffordable, id, "Could not have been paid for since the last accepted state."));
            }
        }
    }

    // Across a prestige an achievement may have been met by the run cashed in, which the save no longer shows: that
    // run is bounded by the ceiling.
    private void CheckUnlocksAndAchievements(PlayerState baseState, PlayerState candidate, ReachableCeiling? cashedIn, List<SaveRuleViolation> violations)
    {
        foreach (var id in candidate.UnlockedWoolTypes)
        {
            if (Engine.TryGetWoolOrdinal(id, out var w) && candidate.RunWoolProduced < Engine.WoolUnlockCost(w))
            {
                violations.Add(new(SaveRules.WoolUnlockNotReached, id, "The run has not produced the unlock cost."));
            }
        }

        foreach (var achievement in Engine.Catalog.Achievements)
        {
            if (candidate.Achievements.Contains(achievement.Id) && !baseState.Achievements.Contains(achievement.Id)
                && !Engine.AchievementMet(candidate, achievement.Condition)
                && !(cashedIn is not null && Engine.AchievementMet(cashedIn.State, achievement.Condition)))
            {
                violations.Add(new(SaveRules.AchievementConditionNotMet, achievement.Id, "Unlocked without its condition."));
            }
        }
    }

    // Both scratch spans are written before any read (the rates clear theirs, spent is cleared): no zeroing first.
    [SkipLocalsInit]
    private void CheckProduction(
        PlayerState baseState,
        PlayerState candidate,
        bool prestiged,
        UploadWindow window,
        ReachableCeiling ceiling,
        ActiveEffects effects,
        List<SaveRuleViolation> violations,
        List<WoolBound> bounds,
        double tolerance)
    {
        var tuning = Engine.Catalog.Tuning;
        var woolCount = Engine.WoolTypeCount;
        var snapshot = Engine.CreateSnapshot(candidate);
        Span<double> allowance = stackalloc double[GameEngine.MaxWoolTypes];
        var clickPower = Engine.ComputeRates(snapshot, effects, allowance);
        var timeFactor = ReachableCeiling.ProductionTimeFactor(Engine, window);
        var clicks = tuning.MaxClicksPerSecond * window.ClickSeconds * clickPower;
        double passive = 0;
        for (var w = 0; w < woolCount; w++)
        {
            allowance[w] *= timeFactor;
            passive += allowance[w];
        }

        allowance[Engine.BaseWoolOrdinal] += clicks;

        Span<BigNumber> spent = stackalloc BigNumber[GameEngine.MaxWoolTypes];
        spent[..woolCount].Clear();
        var cheapest = Engine.PriceMultiplier(snapshot.Upgrades, effects);
        for (var b = 0; b < Engine.BuildingCount; b++)
        {
            var id = Engine.BuildingId(b);
            var from = prestiged ? 0 : baseState.GetLevel(id);
            var added = Math.Min(candidate.GetLevel(id), tuning.MaxBuildingLevel) - from;
            if (added > 0)
            {
                spent[Engine.BuildingPaidIn(b)] += Engine.BulkPrice(b, from, added, cheapest);
            }
        }

        foreach (var id in candidate.Upgrades)
        {
            var boughtBefore = baseState.Owns(id) && (!prestiged || (Engine.TryGetUpgradeOrdinal(id, out var s) && Engine.Upgrade(s).SurvivesPrestige));
            if (!boughtBefore && Engine.TryGetUpgradeOrdinal(id, out var u))
            {
                spent[Engine.UpgradePaidIn(u)] += Engine.Upgrade(u).Cost;
            }
        }

        var totalAllowance = BigNumber.Zero;
        for (var w = 0; w < woolCount; w++)
        {
            var id = Engine.WoolId(w);
            var start = prestiged ? BigNumber.Zero : baseState.GetWool(id);
            var produced = candidate.GetWool(id) - start + spent[w];
            var allowed = BigNumber.FromDouble(allowance[w]);
            totalAllowance += allowed;
            bounds.Add(new WoolBound(id, produced, allowed));
            if (produced.CompareWithTolerance(allowed + RoundingOf(candidate.GetWool(id), start), tolerance) > 0)
            {
                violations.Add(new(SaveRules.ProductionExceedsBound, id, $"Produced {produced} but at most {allowed} is possible."));
            }
        }

        var runStart = prestiged ? BigNumber.Zero : baseState.RunWoolProduced;
        if ((candidate.RunWoolProduced - runStart).CompareWithTolerance(totalAllowance + RoundingOf(candidate.RunWoolProduced, runStart), tolerance) > 0)
        {
            violations.Add(new(SaveRules.RunExceedsBound, "runWoolProduced", $"The run grew by more than {totalAllowance}."));
        }

        var lifetimeAllowance = totalAllowance;
        if (prestiged)
        {
            CheckPrestige(baseState, candidate, ceiling, effects, violations, tolerance);
            // The window's time and clicks are split between the two runs, each at most at the faster run's pace.
            lifetimeAllowance = BigNumber.Max(BigNumber.FromDouble(passive), ceiling.Passive) + BigNumber.Max(BigNumber.FromDouble(clicks), ceiling.Clicks);
        }

        if ((candidate.LifetimeWoolProduced - baseState.LifetimeWoolProduced).CompareWithTolerance(lifetimeAllowance + RoundingOf(candidate.LifetimeWoolProduced, baseState.LifetimeWoolProduced), tolerance) > 0)
        {
            violations.Add(new(SaveRules.LifetimeExceedsBound, "lifetimeWoolProduced", $"Lifetime production grew by more than {lifetimeAllowance}."));
        }
    }

    // The run at the moment of prestige follows from the counters: base run + lifetime growth − the new run. It can
    // have grown by at most what the base's run could produce over the window (its ceiling), and the Soul Shears
    // gained are exactly what a prestige of that run yields.
    private void CheckPrestige(PlayerState baseState, PlayerState candidate, ReachableCeiling ceiling, ActiveEffects effects, List<SaveRuleViolation> violations, double tolerance)
    {
        var runAtPrestige = baseState.RunWoolProduced + (candidate.LifetimeWoolProduced - baseState.LifetimeWoolProduced) - candidate.RunWoolProduced;
        var grownBy = runAtPrestige - baseState.RunWoolProduced;
        if (grownBy.CompareWithTolerance(ceiling.Production + RoundingOf(runAtPrestige, baseState.RunWoolProduced), tolerance) > 0)
        {
            violations.Add(new(SaveRules.RunExceedsBound, "runWoolProduced", $"The run before the prestige grew by {grownBy}, but at most {ceiling.Production} could have been produced since the last accepted state."));
            return;
        }

        var gained = candidate.SoulShears - baseState.SoulShears;
        var plain = Engine.PrestigeGainFor(runAtPrestige, baseState.TotalPrestiges, ActiveEffects.None);
        var boosted = Engine.PrestigeGainFor(runAtPrestige, baseState.TotalPrestiges, effects);
        if (plain < 1 || (gained != plain && gained != boosted))
        {
            violations.Add(new(SaveRules.PrestigeIllegal, "soulShears", "The prestige's run or Soul Shears gain does not follow the prestige rule."));
        }
    }

    // A difference of two amounts is exact only to a few units in the last place of the larger (a 17-digit mantissa):
    // a price far below a large stock leaves the stock unchanged when paid, yet counts in full as produced.
    private static BigNumber RoundingOf(BigNumber final, BigNumber start) => BigNumber.Max(final, start) * RoundingSlack;

    private static bool LevelRequirementsMet(PlayerState state, IReadOnlyList<Catalog.Requirement> requirements)
    {
        foreach (var requirement in requirements)
        {
            var met = requirement.Kind switch
            {
                Catalog.RequirementKind.BuildingLevel => BigNumber.FromDouble(state.GetLevel(requirement.Id ?? "")) >= requirement.Amount,
                Catalog.RequirementKind.UpgradeOwned => state.Owns(requirement.Id ?? ""),
                Catalog.RequirementKind.TotalPrestiges => BigNumber.FromDouble(state.TotalPrestiges) >= requirement.Amount,
                _ => true,
            };
            if (!met)
            {
                return false;
            }
        }

        return true;
    }
}
