using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The outcome of one command (collection <c>commands</c>, and the recent list of the state), with every event it
/// caused, so a replay republishes exactly what the first run published.
/// </summary>
public sealed class CommandRecord
{
    public Guid CommandId { get; set; }

    public Guid PlayerId { get; set; }

    public string ActionType { get; set; } = string.Empty;

    public string? Target { get; set; }

    public int Quantity { get; set; }

    /// <summary><c>completed</c> or <c>rejected</c>.</summary>
    public string Status { get; set; } = string.Empty;

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Wool type → what the action itself gained minus what it spent (signed big-number string).</summary>
    public Dictionary<string, string> Changes { get; set; } = [];

    public DateTimeOffset CompletedAt { get; set; }

    public List<string> AchievementsUnlocked { get; set; } = [];

    public PrestigeCompleted? Prestige { get; set; }

    public List<OfflineProgressGranted> OfflineGranted { get; set; } = [];

    /// <summary>
    /// Lifetime wool the state gained with the command (production since the last write, the action, offline
    /// grants), so analytics counts production from the event alone. Null on a refused command.
    /// </summary>
    public string? WoolProduced { get; set; }

    /// <summary>Set when the command was the player's first change of its UTC day; kept so a replay republishes it.</summary>
    public DailyPlayStarted? DayStarted { get; set; }
}
