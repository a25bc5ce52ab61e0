namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// Published by the accounts worker (which owns friendships) for a <see cref="PlayerCameOnline"/> or
/// <see cref="PlayerWentOffline"/>: the player, whether it is online now, and the friends to tell. Realtime relays it
/// as <c>friendOnline</c> / <c>friendOffline</c> to those of them that are connected.
/// </summary>
public sealed record FriendPresenceChanged(Guid PlayerId, string? DisplayName, bool Online, DateTimeOffset At, IReadOnlyList<Guid> FriendIds);
