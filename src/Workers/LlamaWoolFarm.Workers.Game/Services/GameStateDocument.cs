namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The stored game state of one player (collection <c>game_states</c>). The outcomes of the latest commands live in
/// the same document, so applying a command and remembering that it was applied is one optimistic write.
/// </summary>
public sealed class GameStateDocument
{
    public Guid PlayerId { get; set; }

    public FarmState Farm { get; set; } = new();

    /// <summary>Newest last; bounded by <see cref="GameCommandService.RecentCommandsKept"/>.</summary>
    public List<CommandRecord> RecentCommands { get; set; } = [];
}

/// <summary>
/// First cut of the rules (foundation): basic wool from clicks and from the starting llama. The rules engine of
/// the Domain library replaces it.
/// </summary>
public sealed class FarmState
{
    public double BasicWool { get; set; }

    public double RunWoolProduced { get; set; }

    public double LifetimeWoolProduced { get; set; }

    /// <summary>Clicks the player may still send now: refills at 20 per second up to one full batch.</summary>
    public double ClickAllowance { get; set; }

    public long Revision { get; set; }

    public DateTimeOffset LastMaterializedAt { get; set; }

    public DateTimeOffset LastActiveAt { get; set; }
}
