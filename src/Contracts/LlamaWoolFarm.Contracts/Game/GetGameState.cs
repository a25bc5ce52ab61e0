namespace LlamaWoolFarm.Contracts.Game;

/// <summary>Request for the player's state materialized at the server's time; answered with <see cref="GameStateView"/>.</summary>
public sealed record GetGameState(Guid PlayerId);
