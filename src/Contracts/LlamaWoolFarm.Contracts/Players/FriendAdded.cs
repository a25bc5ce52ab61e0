namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// <c>PlayerId</c> befriended <c>FriendId</c> (friendships are mutual, so both now list each other). Published once
/// per new friendship, not when an existing friend is added again.
/// </summary>
public sealed record FriendAdded(Guid PlayerId, Guid FriendId, string? PlayerDisplayName, DateTimeOffset AddedAt);
