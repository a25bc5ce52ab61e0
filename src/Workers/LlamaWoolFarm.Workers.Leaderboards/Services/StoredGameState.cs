using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// The part of the game worker's <c>game_states</c> documents the rebuild reads (the game worker's
/// <c>GameStateDocument</c>: <c>playerId</c> and the Domain <see cref="PlayerState"/> under <c>state</c>).
/// </summary>
public sealed class StoredGameState
{
    public Guid PlayerId { get; set; }

    public PlayerState? State { get; set; }
}
