using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The stored game state of one player (collection <c>game_states</c>). Which commands were applied lives in the
/// same document, so applying a command and remembering that it was applied is one optimistic write.
/// </summary>
/// <remarks>
/// The document is read and written on every command, so it stays small: the newest outcomes in full (a replay
/// republishes them without another read), a longer window of command ids, and the time before which ids have been
/// forgotten. A command id not in the window is always looked up in the <c>commands</c> collection.
/// </remarks>
public sealed class GameStateDocument
{
    public Guid PlayerId { get; set; }

    /// <summary>The player's state by the rules of the Domain library; its Revision counts the writes.</summary>
    public PlayerState State { get; set; } = new();

    /// <summary>Newest last; bounded by <see cref="CommandWindow.OutcomesKept"/>.</summary>
    public List<CommandRecord> RecentCommands { get; set; } = [];

    /// <summary>Every recently applied command, newest last; bounded by <see cref="CommandWindow.MarksKept"/>.</summary>
    public List<CommandMark> RecentCommandMarks { get; set; } = [];

    /// <summary>
    /// No command applied before this time is in <see cref="RecentCommandMarks"/> any more (kept for operators; the
    /// worker does not skip lookups by it). <see cref="DateTimeOffset.MinValue"/> while nothing has been forgotten.
    /// </summary>
    public DateTimeOffset ForgottenBefore { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When the gateway accepted the last applied prestige; actions it accepted earlier belong to the ended run.</summary>
    public DateTimeOffset? LastPrestigeIssuedAt { get; set; }

    /// <summary>
    /// The save revision this state is, set by an accepted upload or a restore (<see cref="SaveStateService"/>). It is
    /// written with the state, so the state replace is the one commit point of an upload: a second upload that read the
    /// state before sees the newer revision and becomes a conflict, whether or not the saves worker has recorded the
    /// first one's head and revision yet. 0 before any.
    /// </summary>
    public long SaveRevision { get; set; }

    /// <summary>The upload or restore command that wrote <see cref="SaveRevision"/>; its redelivery finishes instead of repeating it.</summary>
    public Guid? SaveCommandId { get; set; }
}
