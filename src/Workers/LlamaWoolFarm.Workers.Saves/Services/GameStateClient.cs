using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.State;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// <see cref="IGameStates"/> as requests to the game worker (<see cref="GetGameStateForSave"/>,
/// <see cref="ReplaceGameStateFromSave"/>). The clients are the bus's, not the consume context's: a request sent from
/// inside a consumer must leave at once, not wait in the consumer's outbox for the consumer to finish.
/// </summary>
public sealed class GameStateClient(IBus bus) : IGameStates
{
    private readonly Lazy<IRequestClient<GetGameStateForSave>> _read = new(() => bus.CreateRequestClient<GetGameStateForSave>());
    private readonly Lazy<IRequestClient<ReplaceGameStateFromSave>> _replace = new(() => bus.CreateRequestClient<ReplaceGameStateFromSave>());

    public async Task<GameStateSnapshot?> ReadAsync(Guid playerId, bool create, CancellationToken cancellationToken)
    {
        var answer = (await _read.Value.GetResponse<GameStateForSave>(new GetGameStateForSave(playerId, create), cancellationToken)).Message;
        return answer.Exists
            ? new GameStateSnapshot(playerId, answer.Version, PlayerStateJson.Deserialize(answer.State), answer.SaveRevision, answer.SaveCommandId)
            : null;
    }

    public async Task ReplaceAsync(GameStateSnapshot read, PlayerState state, long saveRevision, Guid commandId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(state);
        var command = new ReplaceGameStateFromSave(commandId, read.PlayerId, read.Version, PlayerStateJson.Serialize(state), saveRevision);
        var answer = await _replace.Value.GetResponse<GameStateReplaced, GameStateReplaceRefused>(command, cancellationToken);
        if (!answer.Is(out Response<GameStateReplaced>? replaced))
        {
            throw new ConcurrencyException("The game state changed while a save was applied.", typeof(GameStateSnapshot), read.PlayerId);
        }

        // The state as stored: the revision history records it with the revision the game worker gave it.
        state.Revision = replaced.Message.Revision;
    }
}
