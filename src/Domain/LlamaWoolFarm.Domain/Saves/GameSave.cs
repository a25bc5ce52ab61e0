using System.Text.Json;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>
/// The client's GameSave (GAME_RULES §10), schema 1.0.0. Amounts stay strings here so a malformed amount is
/// reported as a broken rule rather than failing deserialization; times are epoch milliseconds.
/// </summary>
public sealed class GameSave
{
    public const string CurrentSchemaVersion = "1.0.0";

    public string SchemaVersion { get; set; } = CurrentSchemaVersion;

    public long Revision { get; set; }

    public string? PlayerId { get; set; }

    /// <summary>Client time the save was written (epoch ms).</summary>
    public long Timestamp { get; set; }

    /// <summary>Client time of the last save (epoch ms).</summary>
    public long LastSaveTime { get; set; }

    public Dictionary<string, string> WoolCounts { get; set; } = [];

    public List<string> UnlockedWoolTypes { get; set; } = [];

    /// <summary>Building id → level.</summary>
    public Dictionary<string, int> Buildings { get; set; } = [];

    public List<string> Upgrades { get; set; } = [];

    public List<string> Achievements { get; set; } = [];

    public long SoulShears { get; set; }

    public long TotalPrestiges { get; set; }

    public long GoldenFleece { get; set; }

    /// <summary>Online play time in milliseconds.</summary>
    public long PlayTime { get; set; }

    public string RunWoolProduced { get; set; } = "0";

    public string LifetimeWoolProduced { get; set; } = "0";

    public Dictionary<string, JsonElement> Settings { get; set; } = [];

    /// <summary>The client's own 32-bit hash; ignored by the server and left out of the server checksum.</summary>
    public string? Checksum { get; set; }
}
