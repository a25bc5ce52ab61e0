namespace LlamaWoolFarm.Contracts.Players;

/// <summary>Request for a player's friends; answered with <see cref="FriendList"/>.</summary>
public sealed record GetFriends(Guid PlayerId);
