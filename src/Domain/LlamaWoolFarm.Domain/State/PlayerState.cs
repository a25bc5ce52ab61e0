using System.Text.Json;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Domain.State;

/// <summary>
/// One player's game document. A plain mutable class so it round-trips through System.Text.Json
/// (web defaults) and document stores unchanged; only GameEngine changes it by the rules.
/// </summary>
public sealed class PlayerState
{
    public string PlayerId { get; set; } = "";

    public int RulesVersion { get; set; } = 1;

    public Dictionary<string, BigNumber> WoolCounts { get; set; } = [];

    public List<string> UnlockedWoolTypes { get; set; } = [];

    /// <summary>Building id → level (units owned).</summary>
    public Dictionary<string, int> Buildings { get; set; } = [];

    public List<string> Upgrades { get; set; } = [];

    public List<string> Achievements { get; set; } = [];

    public long SoulShears { get; set; }

    public long TotalPrestiges { get; set; }

    public long GoldenFleece { get; set; }

    public BigNumber RunWoolProduced { get; set; }

    public BigNumber LifetimeWoolProduced { get; set; }

    /// <summary>Seconds of online play (the full-rate part of materialized time).</summary>
    public double PlayTimeSeconds { get; set; }

    /// <summary>
    /// Seconds by which accepted uploads have put <see cref="PlayTimeSeconds"/> ahead of the server time that passed
    /// (0 when not ahead). Uploads share one play-time slack and may only use what this leaves of it.
    /// </summary>
    public double PlayTimeAheadSeconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Server time up to which production has been accrued.</summary>
    public DateTimeOffset LastMaterializedAt { get; set; }

    /// <summary>Server time of the last command or realtime heartbeat.</summary>
    public DateTimeOffset LastActiveAt { get; set; }

    /// <summary>
    /// The latest server acceptance time of a click batch counted (or of an accepted upload's clicks); an upload's
    /// click window starts here.
    /// </summary>
    public DateTimeOffset LastClickAt { get; set; }

    /// <summary>
    /// Server time up to which the click allowance (20 per second) has been spent; never after
    /// <see cref="LastClickAt"/>. Kept apart from it so batches applied out of acceptance order (two game workers)
    /// spend the same allowance they would have in order.
    /// </summary>
    public DateTimeOffset ClickAllowanceSpentUntil { get; set; }

    /// <summary>Counts every click up to <paramref name="at"/> as made: no allowance is left before it.</summary>
    public void SpendClicksUntil(DateTimeOffset at)
    {
        LastClickAt = at;
        ClickAllowanceSpentUntil = at;
    }

    /// <summary>Offline gains computed but not yet granted; null when nothing is waiting.</summary>
    public OfflineProgress? PendingOffline { get; set; }

    /// <summary>Absence id of the last offline grant, so a replayed claim is recognisable.</summary>
    public long LastGrantedAbsenceId { get; set; }

    public Dictionary<string, JsonElement> Settings { get; set; } = [];

    /// <summary>Document version for optimistic concurrency; maintained by storage, never by the rules.</summary>
    public long Revision { get; set; }

    public static PlayerState CreateNew(string playerId, DateTimeOffset now) => CreateNew(playerId, now, GameCatalog.V1);

    public static PlayerState CreateNew(string playerId, DateTimeOffset now, GameCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var state = new PlayerState
        {
            PlayerId = playerId,
            RulesVersion = catalog.RulesVersion,
            CreatedAt = now,
            LastMaterializedAt = now,
            LastActiveAt = now,
            LastClickAt = now,
            ClickAllowanceSpentUntil = now,
            UnlockedWoolTypes = [catalog.BaseWoolType],
        };
        foreach (var wool in catalog.WoolTypes)
        {
            state.WoolCounts[wool.Id] = BigNumber.Zero;
        }

        foreach (var building in catalog.Buildings)
        {
            state.Buildings[building.Id] = 0;
        }

        return state;
    }

    public BigNumber GetWool(string woolId) => WoolCounts.TryGetValue(woolId, out var count) ? count : BigNumber.Zero;

    public int GetLevel(string buildingId) => Buildings.TryGetValue(buildingId, out var level) ? level : 0;

    public bool Owns(string upgradeId) => Upgrades.Contains(upgradeId);

    public PlayerState Clone()
    {
        var copy = (PlayerState)MemberwiseClone();
        copy.WoolCounts = new Dictionary<string, BigNumber>(WoolCounts);
        copy.UnlockedWoolTypes = [.. UnlockedWoolTypes];
        copy.Buildings = new Dictionary<string, int>(Buildings);
        copy.Upgrades = [.. Upgrades];
        copy.Achievements = [.. Achievements];
        copy.Settings = new Dictionary<string, JsonElement>(Settings);
        copy.PendingOffline = PendingOffline?.Clone();
        return copy;
    }

    /// <summary>Overwrites this instance with another's contents, so callers holding this reference see the result.</summary>
    public void CopyFrom(PlayerState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        PlayerId = other.PlayerId;
        RulesVersion = other.RulesVersion;
        WoolCounts = other.WoolCounts;
        UnlockedWoolTypes = other.UnlockedWoolTypes;
        Buildings = other.Buildings;
        Upgrades = other.Upgrades;
        Achievements = other.Achievements;
        SoulShears = other.SoulShears;
        TotalPrestiges = other.TotalPrestiges;
        GoldenFleece = other.GoldenFleece;
        RunWoolProduced = other.RunWoolProduced;
        LifetimeWoolProduced = other.LifetimeWoolProduced;
        PlayTimeSeconds = other.PlayTimeSeconds;
        PlayTimeAheadSeconds = other.PlayTimeAheadSeconds;
        CreatedAt = other.CreatedAt;
        LastMaterializedAt = other.LastMaterializedAt;
        LastActiveAt = other.LastActiveAt;
        LastClickAt = other.LastClickAt;
        ClickAllowanceSpentUntil = other.ClickAllowanceSpentUntil;
        PendingOffline = other.PendingOffline;
        LastGrantedAbsenceId = other.LastGrantedAbsenceId;
        Settings = other.Settings;
        Revision = other.Revision;
    }
}
