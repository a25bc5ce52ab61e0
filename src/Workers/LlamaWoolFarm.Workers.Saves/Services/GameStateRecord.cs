using System.Text.Json;
using System.Text.Json.Serialization;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// A document of the game worker's <c>game_states</c> collection as the saves worker sees it: the player's state,
/// which an accepted upload replaces, and everything else the game worker keeps there (its deduplication window,
/// its prestige mark), carried through a replace unchanged without this worker knowing its shape.
/// </summary>
/// <remarks>
/// Workers share no code (STYLE.md: a worker never references another worker); they share this collection's
/// <c>playerId</c> and <c>state</c> fields, and the optimistic version decides between their writes.
/// </remarks>
public sealed class GameStateRecord
{
    public Guid PlayerId { get; set; }

    public PlayerState State { get; set; } = new();

    /// <summary>
    /// The save revision this state is (the saves module's field in the game worker's document). Writing it with
    /// the state makes the game-state replace the one commit point of an upload or restore: a second upload that
    /// read the state before it sees the newer revision and becomes a conflict, whether or not the head and the
    /// revision document of the first have been written yet.
    /// </summary>
    public long SaveRevision { get; set; }

    /// <summary>The upload or restore command that wrote <see cref="SaveRevision"/>; its redelivery finishes instead of repeating it.</summary>
    public Guid? SaveCommandId { get; set; }

    /// <summary>The game worker's own fields, as stored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? GameWorkerFields { get; set; }
}
