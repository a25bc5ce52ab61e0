using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;

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
/// an event's start or end is counted stretch by stretch; the action itself uses the effects at now
/// (<see cref="EffectsTimeline.Constant"/> gives one set of effects throughout).
/// The class is split by concern (docs/game.md, "Where the rules live"): this file compiles the catalog into the
/// ordinal tables; production, offline, pricing, prestige, achievements, materialization and the actions each have
/// a GameEngine.*.cs file of their own.
/// </remarks>
public sealed partial class GameEngine
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

    // The compiled tables that save validation (SaveValidator, ReachableCeiling) reads by ordinal.
    internal int BuildingPaidIn(int building) => _buildingPaidIn[building];

    internal int UpgradePaidIn(int upgrade) => _upgradePaidIn[upgrade];

    internal UpgradeDefinition Upgrade(int upgrade) => _upgrades[upgrade];

    internal BuildingDefinition Building(int building) => _buildings[building];

    internal BigNumber WoolUnlockCost(int wool) => _woolUnlockCost[wool];

    internal int BaseWoolOrdinal => _baseWool;

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
}
