using System.Runtime.CompilerServices;

namespace LlamaWoolFarm.Domain.Rules;

/// <summary>
/// Everything the production formula reads, packed by catalog ordinal so the hot path touches no
/// dictionary and allocates nothing. Built from a PlayerState by GameEngine.CreateSnapshot.
/// </summary>
public struct ProductionSnapshot
{
    public const int MaxBuildings = 32;

    private LevelBuffer _levels;

    /// <summary>Bit i set = wool type with ordinal i unlocked.</summary>
    public ulong UnlockedWool { get; set; }

    /// <summary>Bit i set = upgrade with ordinal i owned.</summary>
    public ulong Upgrades { get; set; }

    public int AchievementCount { get; set; }

    public long SoulShears { get; set; }

    public long GoldenFleece { get; set; }

    public readonly int GetLevel(int buildingOrdinal) => _levels[buildingOrdinal];

    public void SetLevel(int buildingOrdinal, int level) => _levels[buildingOrdinal] = level;

    [InlineArray(MaxBuildings)]
    private struct LevelBuffer
    {
        private int _element0;
    }
}

/// <summary>The terms of one offline computation (GAME_RULES §7); gains are written to the caller's span.</summary>
public readonly record struct OfflineComputation(double OfflineSeconds, double CappedSeconds, double Efficiency, bool BonusApplied);
