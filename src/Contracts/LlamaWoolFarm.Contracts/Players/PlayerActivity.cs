namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// Published by realtime on every accepted heartbeat and on connect: the player was active at
/// <paramref name="At"/> (server clock). The latest one per player is its "last activity".
/// </summary>
public sealed record PlayerActivity(Guid PlayerId, DateTimeOffset At);
