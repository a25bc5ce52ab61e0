using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The game worker's side of save sync: it hands the saves worker a player's stored state and commits the state of
/// an accepted upload or a restore with optimistic concurrency. The saves worker decides what a save is worth (its
/// validation, conflicts, history and backups); only this worker writes the state.
/// </summary>
// hot: the game worker's kept states in this process; a replace here makes the kept one stale, so it is forgotten.
public sealed class SaveStateService(IDocumentStore store, TimeProvider clock, HotGameStates? hot = null)
{
    private readonly IDocumentCollection<GameStateDocument> _states = GameStates.States(store);

    public async Task<GameStateForSave> GetAsync(GetGameStateForSave query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stored = query.Create
            ? await GameStates.LoadOrCreateAsync(_states, query.PlayerId, clock.GetUtcNow(), GameEngine.V1.Catalog, FarmOrigin.SaveSync, cancellationToken)
            : await _states.GetAsync(GameStates.Key(query.PlayerId), cancellationToken);
        if (stored is null)
        {
            return new GameStateForSave(query.PlayerId, false, 0, string.Empty, 0, null);
        }

        var document = stored.Document;
        return new GameStateForSave(query.PlayerId, true, stored.Version, PlayerStateJson.Serialize(document.State), document.SaveRevision, document.SaveCommandId);
    }

    /// <summary>
    /// Replaces the state if the document is still at the version the saves worker read. Only the state and the save
    /// marks change: the deduplication window and the prestige mark stay, and the state's revision counts on from the
    /// stored one. Returns <see cref="GameStateReplaced"/> or <see cref="GameStateReplaceRefused"/>.
    /// </summary>
    public async Task<object> ReplaceAsync(ReplaceGameStateFromSave command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = GameStates.Key(command.PlayerId);
        var stored = await _states.GetAsync(key, cancellationToken);
        if (stored is null)
        {
            return new GameStateReplaceRefused(command.CommandId, command.PlayerId, 0);
        }

        var document = stored.Document;
        if (document.SaveCommandId == command.CommandId && document.SaveRevision == command.SaveRevision)
        {
            // A repeated request of a replace that committed (its answer was lost): it is not applied twice.
            return new GameStateReplaced(command.CommandId, command.PlayerId, stored.Version, document.State.Revision);
        }

        if (stored.Version != command.ExpectedVersion)
        {
            return new GameStateReplaceRefused(command.CommandId, command.PlayerId, stored.Version);
        }

        var state = PlayerStateJson.Deserialize(command.State);
        state.Revision = document.State.Revision + 1;
        document.State = state;
        document.SaveRevision = command.SaveRevision;
        document.SaveCommandId = command.CommandId;
        var replaced = await _states.ReplaceAsync(key, document, stored.Version, cancellationToken);
        // Forgotten either way: a lost replace means the state changed, and a kept copy may be the older one.
        hot?.Forget(command.PlayerId);
        return replaced
            ? new GameStateReplaced(command.CommandId, command.PlayerId, stored.Version + 1, state.Revision)
            : new GameStateReplaceRefused(command.CommandId, command.PlayerId, stored.Version + 1);
    }
}
