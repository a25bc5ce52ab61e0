using System.Numerics;
using System.Runtime.CompilerServices;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

/// <summary>
/// The rules of GAME_RULES.md over one catalog. An instance (not static) because it compiles the catalog into
/// ordinal-indexed arrays once; it holds no mutable state, so one instance serves every thread.
/// Every command materializes the state at the server time it is given, works on a copy and only writes the
/// copy back on success, so a refusal leaves the caller's state exactly as it was.
/// </summary>
/// <remarks>
/// Offline model ("granted exactly once"): time beyond the 120 s online grace becomes a pending grant tied to
/// the absence (identified by the last activity time). Re-materializing the same absence only re-computes the
/// same pending grant from its total offline seconds, so reloads or replays cannot add anything. The grant is
/// applied once, by ClaimOfflineProgress, or automatically when a new absence starts or before a prestige,
/// and the pending entry is removed in the same step.
/// Events: the command methods take an <see cref="EffectsTimeline"/>, so production over an interval that crosses
/// an event's start or end is counted stretch by stretch; the action itself uses the effects at now. The overloads
/// taking <see cref="ActiveEffects"/> are the same rules with one set of effects throughout.
/// </remarks>
public sealed class GameEngine
{
    public const int MaxWoolTypes = 64;
    public const int MaxUpgrades = 64;

    private readonly GameTuning _tuning;
    private readonly string[] _woolIds;
    private readonly double[] _woolRate;
    private readonly BigNumber[] _woolUnlockCost;
    private readonly BigNumber[] _woolBaseValue;
    private readonly Dictionary<string, int> _woolIndex;
    private readonly int _baseWool;
    private readonly string[] _buildingIds;
    private readonly BuildingDefinition[] _buildings;
    private readonly double[] _buildingBaseProduction;
    private readonly BigNumber[] _buildingBaseCost;
    private readonly BigNumber[] _buildingCostMultiplier;
    private readonly int[] _buildingPaidIn;
    private readonly Dictionary<string, int> _buildingIndex;
    private readonly int[] _produceBuilding;
    private readonly int[] _produceWool;
    private readonly UpgradeDefinition[] _upgrades;
    private readonly UpgradeEffectKind[] _upgradeKind;
    private readonly double[] _upgradeValue;
    private readonly int[] _upgradeTarget;
    private readonly int[] _upgradePaidIn;
    private readonly Dictionary<string, int> _upgradeIndex;
    private readonly HashSet<string> _achievementIds;
    private readonly double[] _achievementFactor;

    public GameEngine(GameCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.WoolTypes.Count > MaxWoolTypes || catalog.Upgrades.Count > MaxUpgrades || catalog.Buildings.Count > ProductionSnapshot.MaxBuildings)
        {
            throw new ArgumentException("The catalog is larger than the engine's fixed-size tables.", nameof(catalog));
        }

        Catalog = catalog;
        _tuning = catalog.Tuning;
        _woolIds = [.. catalog.WoolTypes.Select(w => w.Id)];
        _woolRate = [.. catalog.WoolTypes.Select(w => w.ProductionRate)];
        _woolUnlockCost = [.. catalog.WoolTypes.Select(w => w.UnlockCost)];
        _woolBaseValue = [.. catalog.WoolTypes.Select(w => w.BaseValue)];
        _woolIndex = IndexOf(_woolIds);
        _baseWool = WoolOrdinal(catalog.BaseWoolType);

        _buildings = [.. catalog.Buildings];
        _buildingIds = [.. _buildings.Select(b => b.Id)];
        _buildingIndex = IndexOf(_buildingIds);
        _buildingBaseProduction = [.. _buildings.Select(b => b.BaseProduction)];
        _buildingBaseCost = [.. _buildings.Select(b => b.BaseCost)];
        _buildingCostMultiplier = [.. _buildings.Select(b => BigNumber.FromDouble(b.CostMultiplier))];
        _buildingPaidIn = [.. _buildings.Select(b => WoolOrdinal(b.PaidIn))];
        var pairs = _buildings.SelectMany((b, i) => b.Produces.Select(w => (Building: i, Wool: WoolOrdinal(w)))).ToArray();
        _produceBuilding = [.. pairs.Select(p => p.Building)];
        _produceWool = [.. pairs.Select(p => p.Wool)];

        _upgrades = [.. catalog.Upgrades];
        _upgradeIndex = IndexOf([.. _upgrades.Select(u => u.Id)]);
        _upgradeKind = [.. _upgrades.Select(u => u.Effect.Kind)];
        _upgradeValue = [.. _upgrades.Select(u => u.Effect.Value)];
        _upgradeTarget = [.. _upgrades.Select(ResolveTarget)];
        _upgradePaidIn = [.. _upgrades.Select(u => WoolOrdinal(u.PaidIn))];

        _achievementIds = [.. catalog.Achievements.Select(a => a.Id)];
        _achievementFactor = new double[catalog.Achievements.Count + 1];
        for (var i = 0; i < _achievementFactor.Length; i++)
        {
            _achievementFactor[i] = Math.Pow(_tuning.AchievementMultiplier, i);
        }
    }

    public static GameEngine V1 { get; } = new(GameCatalog.V1);

    public GameCatalog Catalog { get; }

    public int WoolTypeCount => _woolIds.Length;

    public int BuildingCount => _buildingIds.Length;

    public string WoolId(int ordinal) => _woolIds[ordinal];

    public string BuildingId(int ordinal) => _buildingIds[ordinal];

    public bool TryGetWoolOrdinal(string id, out int ordinal) => _woolIndex.TryGetValue(id, out ordinal);

    public bool TryGetBuildingOrdinal(string id, out int ordinal) => _buildingIndex.TryGetValue(id, out ordinal);

    public bool TryGetUpgradeOrdinal(string id, out int ordinal) => _upgradeIndex.TryGetValue(id, out ordinal);

    public bool IsAchievement(string id) => _achievementIds.Contains(id);

    // ---- Snapshots and the hot formulas -------------------------------------------------------------

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

    // ---- Queries at the edge (dictionaries keyed by id) ----------------------------------------------

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

    /// <summary>The offline cap and efficiency the player would get now.</summary>
    public (double CapSeconds, double Efficiency) OfflineTerms(PlayerState state, ActiveEffects effects) =>
        OfflineTerms(CreateSnapshot(state), effects);

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

    // ---- Commands -----------------------------------------------------------------------------------

    /// <summary>
    /// Accrues production up to now: full rate up to 120 s after the last activity, the rest becomes the
    /// absence's pending offline grant. A now earlier than the last materialization changes nothing.
    /// </summary>
    public ActionResult Materialize(PlayerState state, DateTimeOffset now, ActiveEffects effects) =>
        Materialize(state, now, EffectsTimeline.Constant(effects));

    /// <summary>
    /// <see cref="Materialize(PlayerState, DateTimeOffset, ActiveEffects)"/> with events that start or end in the
    /// interval: each stretch of it accrues at its own rate (online and offline).
    /// </summary>
    public ActionResult Materialize(PlayerState state, DateTimeOffset now, EffectsTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timeline);
        var changes = new ChangeSet();
        MaterializeCore(state, now, timeline, changes);
        return changes.ToResult();
    }

    /// <summary>A realtime heartbeat: materializes and marks the player active (keeps time online).</summary>
    public ActionResult Heartbeat(PlayerState state, DateTimeOffset now, ActiveEffects effects) =>
        Heartbeat(state, now, EffectsTimeline.Constant(effects));

    /// <inheritdoc cref="Heartbeat(PlayerState, DateTimeOffset, ActiveEffects)"/>
    public ActionResult Heartbeat(PlayerState state, DateTimeOffset now, EffectsTimeline timeline) =>
        Execute(state, now, timeline, static (_, _, _) => null);

    /// <summary>
    /// Applies a batch of clicks. At most 20 clicks per second of server time since the previous batch are
    /// accepted, measured over at most the last 5 s (a full batch of 100), so a long pause does not bank clicks.
    /// </summary>
    public ActionResult ApplyClicks(PlayerState state, int count, DateTimeOffset now, ActiveEffects effects) =>
        ApplyClicks(state, count, now, EffectsTimeline.Constant(effects));

    /// <summary>
    /// Clicks with the production since the last materialization counted stretch by stretch; the clicks themselves
    /// use the effects at <paramref name="now"/>. <paramref name="clickedAt"/> is when the server accepted the batch
    /// (the gateway's clock, never later than <paramref name="now"/>): the 20-per-second rule is measured between
    /// acceptances, so batches a player spread out are not refused because a backlog or an outage delivered them
    /// together.
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
            var window = engine.ClickWindowSeconds(work.LastClickAt, at);
            if (count > (engine._tuning.MaxClicksPerSecond * window) + 1e-9)
            {
                return ErrorCodes.RateLimitedAction;
            }

            var clickPower = BigNumber.FromDouble(engine.ComputeClickPower(engine.CreateSnapshot(work), effects));
            engine.Produce(work, engine._baseWool, clickPower * count, changes.Gained);
            work.LastClickAt = at;
            return null;
        });
    }

    public ActionResult PurchaseBuilding(PlayerState state, string buildingId, int quantity, DateTimeOffset now, ActiveEffects effects) =>
        PurchaseBuilding(state, buildingId, quantity, now, EffectsTimeline.Constant(effects));

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

    public ActionResult PurchaseUpgrade(PlayerState state, string upgradeId, DateTimeOffset now, ActiveEffects effects) =>
        PurchaseUpgrade(state, upgradeId, now, EffectsTimeline.Constant(effects));

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

    /// <summary>GAME_RULES §8. An unclaimed offline grant is applied first: it belongs to the run being cashed in.</summary>
    public ActionResult Prestige(PlayerState state, DateTimeOffset now, ActiveEffects effects) =>
        Prestige(state, now, EffectsTimeline.Constant(effects));

    /// <summary>A prestige after production counted stretch by stretch; the gain uses the prestige multiplier at <paramref name="now"/>.</summary>
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
    public ActionResult GetOfflineProgress(PlayerState state, DateTimeOffset now, ActiveEffects effects) =>
        GetOfflineProgress(state, now, EffectsTimeline.Constant(effects));

    /// <inheritdoc cref="GetOfflineProgress(PlayerState, DateTimeOffset, ActiveEffects)"/>
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
    public ActionResult ClaimOfflineProgress(PlayerState state, DateTimeOffset now, ActiveEffects effects) =>
        ClaimOfflineProgress(state, now, EffectsTimeline.Constant(effects));

    /// <inheritdoc cref="ClaimOfflineProgress(PlayerState, DateTimeOffset, ActiveEffects)"/>
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

    // ---- Shared rule pieces (also used by save validation) ------------------------------------------

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

    internal int BuildingPaidIn(int building) => _buildingPaidIn[building];

    internal int UpgradePaidIn(int upgrade) => _upgradePaidIn[upgrade];

    internal UpgradeDefinition Upgrade(int upgrade) => _upgrades[upgrade];

    internal BuildingDefinition Building(int building) => _buildings[building];

    internal BigNumber WoolUnlockCost(int wool) => _woolUnlockCost[wool];

    internal int BaseWoolOrdinal => _baseWool;

    internal bool RequirementsMet(PlayerState state, IReadOnlyList<Requirement> requirements)
    {
        foreach (var requirement in requirements)
        {
            var met = requirement.Kind switch
            {
                RequirementKind.BuildingLevel => BigNumber.FromDouble(state.GetLevel(requirement.Id ?? "")) >= requirement.Amount,
                RequirementKind.WoolCount => state.GetWool(requirement.Id ?? "") >= requirement.Amount,
                RequirementKind.UpgradeOwned => state.Owns(requirement.Id ?? ""),
                RequirementKind.TotalPrestiges => BigNumber.FromDouble(state.TotalPrestiges) >= requirement.Amount,
                _ => false,
            };
            if (!met)
            {
                return false;
            }
        }

        return true;
    }

    internal bool AchievementMet(PlayerState state, AchievementCondition condition) => condition.Kind switch
    {
        AchievementConditionKind.LifetimeWoolProduced => state.LifetimeWoolProduced >= condition.Threshold,
        AchievementConditionKind.TotalBuildingLevels => BigNumber.FromDouble(TotalLevels(state)) >= condition.Threshold,
        AchievementConditionKind.UpgradesOwned => (condition.Upgrades ?? []).All(state.Owns),
        AchievementConditionKind.TotalPrestiges => BigNumber.FromDouble(state.TotalPrestiges) >= condition.Threshold,
        AchievementConditionKind.WoolCount => state.GetWool(condition.Target ?? "") >= condition.Threshold,
        AchievementConditionKind.PlayTimeSeconds => BigNumber.FromDouble(state.PlayTimeSeconds) >= condition.Threshold,
        _ => false,
    };

    internal double ClickWindowSeconds(DateTimeOffset lastClickAt, DateTimeOffset now)
    {
        var elapsed = (now - lastClickAt).TotalSeconds;
        var longest = (double)_tuning.MaxQuantity / _tuning.MaxClicksPerSecond;
        return Math.Clamp(elapsed, 0, longest);
    }

    private long TotalLevels(PlayerState state)
    {
        long total = 0;
        foreach (var id in _buildingIds)
        {
            total += state.GetLevel(id);
        }

        return total;
    }

    private static ActiveEffects EffectsAt(EffectsTimeline timeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.At(now);
    }

    /// <summary>Seconds of a piece of [start, end) that spans <paramref name="total"/> seconds; the last piece ends at exactly total.</summary>
    private static double SecondsWithin(EffectsPiece piece, DateTimeOffset start, DateTimeOffset end, double total)
    {
        var from = (piece.From - start).TotalSeconds;
        var until = piece.Until >= end ? total : (piece.Until - start).TotalSeconds;
        return until > from ? until - from : 0;
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

    private void Produce(PlayerState state, int wool, BigNumber amount, Dictionary<string, BigNumber> log)
    {
        var id = _woolIds[wool];
        state.WoolCounts[id] = state.GetWool(id) + amount;
        state.RunWoolProduced += amount;
        state.LifetimeWoolProduced += amount;
        log[id] = (log.TryGetValue(id, out var logged) ? logged : BigNumber.Zero) + amount;
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

    private void UpdateUnlocksAndAchievements(PlayerState state, ChangeSet changes)
    {
        for (var w = 0; w < _woolIds.Length; w++)
        {
            var id = _woolIds[w];
            if (!state.UnlockedWoolTypes.Contains(id) && state.RunWoolProduced >= _woolUnlockCost[w])
            {
                state.UnlockedWoolTypes.Add(id);
                changes.WoolTypesUnlocked.Add(id);
            }
        }

        foreach (var achievement in Catalog.Achievements)
        {
            if (!state.Achievements.Contains(achievement.Id) && AchievementMet(state, achievement.Condition))
            {
                state.Achievements.Add(achievement.Id);
                changes.AchievementsUnlocked.Add(achievement.Id);
            }
        }
    }

    private int WoolOrdinal(string id) =>
        _woolIndex.TryGetValue(id, out var ordinal) ? ordinal : throw new ArgumentException($"The catalog names an unknown wool type '{id}'.");

    private int ResolveTarget(UpgradeDefinition upgrade) => upgrade.Effect.Kind switch
    {
        UpgradeEffectKind.BuildingMultiplier when upgrade.Effect.Target == GameCatalog.AllBuildingsTarget => -1,
        UpgradeEffectKind.BuildingMultiplier => _buildingIndex.TryGetValue(upgrade.Effect.Target ?? "", out var b)
            ? b
            : throw new ArgumentException($"Upgrade '{upgrade.Id}' targets an unknown building."),
        UpgradeEffectKind.WoolTierMultiplier => WoolOrdinal(upgrade.Effect.Target ?? ""),
        _ => -1,
    };

    private static Dictionary<string, int> IndexOf(string[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index.Add(ids[i], i);
        }

        return index;
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

    private sealed class ChangeSet
    {
        public Dictionary<string, BigNumber> Accrued { get; } = [];

        public Dictionary<string, BigNumber> Gained { get; } = [];

        public Dictionary<string, BigNumber> Spent { get; } = [];

        public List<string> AchievementsUnlocked { get; } = [];

        public List<string> WoolTypesUnlocked { get; } = [];

        public long PrestigeGain { get; set; }

        public OfflineProgress? Offline { get; set; }

        public OfflineProgress? AutoGranted { get; set; }

        public ActionResult ToResult() => new()
        {
            Success = true,
            Accrued = Accrued,
            Gained = Gained,
            Spent = Spent,
            AchievementsUnlocked = AchievementsUnlocked,
            WoolTypesUnlocked = WoolTypesUnlocked,
            PrestigeGain = PrestigeGain,
            Offline = Offline,
            AutoGrantedOffline = AutoGranted,
        };
    }
}
