namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// Published by realtime when a player's first connection opens (no other connection on any replica holds a
/// lease). Online and offline reports of a player alternate: each online is followed by exactly one offline.
/// </summary>
public sealed record PlayerCameOnline(Guid PlayerId, DateTimeOffset At);
