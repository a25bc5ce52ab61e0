using System.Text.Json;
using System.Text.Json.Serialization;
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
    /// Fields other modules keep in this document (the saves module's revision marks), carried through every
    /// write of the game worker unchanged without it knowing their shape.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherModulesFields { get; set; }
}
