namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// An event the game worker was told about (collection <c>running_events</c>, id = event id, indexed by status), so a
/// restarted worker knows which effects apply, and applied, without asking the leaderboards worker. Finished events
/// stay: a player's first command after an event counts the part of the gap the event covered.
/// </summary>
public sealed class RunningEventDocument
{
    public const string Running = "running";
    public const string Finished = "finished";

    public Guid EventId { get; set; }

    public string Type { get; set; } = string.Empty;

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>The scheduled end, or the finish when that came first.</summary>
    public DateTimeOffset EndsAt { get; set; }

    /// <summary><see cref="Running"/> from its start message on, <see cref="Finished"/> once its finish message came.</summary>
    public string Status { get; set; } = Running;
}
