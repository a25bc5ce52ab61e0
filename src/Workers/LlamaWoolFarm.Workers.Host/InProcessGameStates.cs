using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Workers.Game.Services;
using LlamaWoolFarm.Workers.Saves.Services;

namespace LlamaWoolFarm.Workers.Host;

/// <summary>
/// The saves module's way to the game state when the game module runs in the same process (Standalone, or a worker
/// process hosting both): the same <c>GetGameStateForSave</c> / <c>ReplaceGameStateFromSave</c> messages, handed to the
/// game worker's <see cref="SaveStateService"/> instead of making two bus round trips per upload. The game worker
/// still does every read and write of its collection; only the delivery differs from <see cref="GameStateClient"/>.
/// </summary>
public sealed class InProcessGameStates(SaveStateService game) : IGameStates
{
    public async Task<GameStateSnapshot?> ReadAsync(Guid playerId, bool create, CancellationToken cancellationToken) =>
        GameStateMessages.Snapshot(await game.GetAsync(GameStateMessages.Read(playerId, create), cancellationToken));

    public async Task ReplaceAsync(GameStateSnapshot read, PlayerState state, long saveRevision, Guid commandId, CancellationToken cancellationToken) =>
        GameStateMessages.Committed(await game.ReplaceAsync(GameStateMessages.Replace(read, state, saveRevision, commandId), cancellationToken), read, state);
}
