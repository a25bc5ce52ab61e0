using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The stored game state of one player (collection <c>game_states</c>). The outcomes of the latest commands live in
/// the same document, so applying a command and remembering that it was applied is one optimistic write.
/// </summary>
public sealed class GameStateDocument
{
    public Guid PlayerId { get; set; }

    /// <summary>The player's state by the rules of the Domain library; its Revision counts the writes.</summary>
    public PlayerState State { get; set; } = new();

    /// <summary>Newest last; bounded by <see cref="GameCommandService.RecentCommandsKept"/>.</summary>
    public List<CommandRecord> RecentCommands { get; set; } = [];

    /// <summary>When the gateway accepted the last applied prestige; actions it accepted earlier belong to the ended run.</summary>
    public DateTimeOffset? LastPrestigeIssuedAt { get; set; }
}
