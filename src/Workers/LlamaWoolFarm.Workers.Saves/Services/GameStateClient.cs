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

    public async Task<GameStateSnapshot?> ReadAsync(Guid playerId, bool create, CancellationToken cancellationToken) =>
        GameStateMessages.Snapshot((await _read.Value.GetResponse<GameStateForSave>(GameStateMessages.Read(playerId, create), cancellationToken)).Message);

    public async Task ReplaceAsync(GameStateSnapshot read, PlayerState state, long saveRevision, Guid commandId, CancellationToken cancellationToken)
    {
        var answer = await _replace.Value.GetResponse<GameStateReplaced, GameStateReplaceRefused>(GameStateMessages.Replace(read, state, saveRevision, commandId), cancellationToken);
        GameStateMessages.Committed(answer.Message, read, state);
    }
}
