using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.State;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// The saves worker's way to a player's game state, which the game worker owns: it reads the stored state and asks for
/// it to be replaced, never opening the game worker's collection (<see cref="GameStateClient"/> does it over the bus).
/// </summary>
public interface IGameStates
{
    /// <summary>The stored state; with <paramref name="create"/> a player without one gets a new farm first, otherwise null.</summary>
    Task<GameStateSnapshot?> ReadAsync(Guid playerId, bool create, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the state read as <paramref name="read"/> with <paramref name="state"/> as save revision
    /// <paramref name="saveRevision"/> of <paramref name="commandId"/>, only if nobody wrote it since it was read;
    /// otherwise throws <see cref="MassTransit.ConcurrencyException"/> and the command is retried. This write is the
    /// commit point of uploads and restores.
    /// </summary>
    Task ReplaceAsync(GameStateSnapshot read, PlayerState state, long saveRevision, Guid commandId, CancellationToken cancellationToken);
}

public static class GameStatesExtensions
{
    /// <summary>The player's stored game state; the game worker creates a new farm for a player without one.</summary>
    public static async Task<GameStateSnapshot> ReadOrCreateAsync(this IGameStates gameStates, Guid playerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gameStates);
        return await gameStates.ReadAsync(playerId, create: true, cancellationToken)
            ?? throw new InvalidOperationException("The game worker answered no state although it was asked to create one.");
    }
}

/// <summary>
/// The game worker's messages of save sync as <see cref="IGameStates"/> sees them, shared by every way of delivering
/// them (over the bus, <see cref="GameStateClient"/>; handed to the game worker's service in a process hosting both
/// modules), so each means the same.
/// </summary>
public static class GameStateMessages
{
    public static GetGameStateForSave Read(Guid playerId, bool create) => new(playerId, create);

    public static GameStateSnapshot? Snapshot(GameStateForSave answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Exists
            ? new GameStateSnapshot(answer.PlayerId, answer.Version, PlayerStateJson.Deserialize(answer.State), answer.SaveRevision, answer.SaveCommandId)
            : null;
    }

    public static ReplaceGameStateFromSave Replace(GameStateSnapshot read, PlayerState state, long saveRevision, Guid commandId)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(state);
        return new ReplaceGameStateFromSave(commandId, read.PlayerId, read.Version, PlayerStateJson.Serialize(state), saveRevision);
    }

    /// <summary>
    /// Takes the game worker's answer to a replace: on <see cref="GameStateReplaced"/> the state gets the revision
    /// it was stored with (the revision history records it so); a refusal throws <see cref="ConcurrencyException"/>,
    /// so the receive policy retries the whole upload or restore against the newer state.
    /// </summary>
    public static void Committed(object answer, GameStateSnapshot read, PlayerState state)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(state);
        if (answer is not GameStateReplaced replaced)
        {
            throw new ConcurrencyException("The game state changed while a save was applied.", typeof(GameStateSnapshot), read.PlayerId);
        }

        state.Revision = replaced.Revision;
    }
}

/// <summary>A stored game state as read: the state, the version a replace names, and the save marks written with it.</summary>
public sealed record GameStateSnapshot(Guid PlayerId, long Version, PlayerState State, long SaveRevision, Guid? SaveCommandId);
