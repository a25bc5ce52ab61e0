namespace LlamaWoolFarm.Contracts.Players;

/// <summary>Request to end a friendship (both ways); answered with <see cref="FriendList"/>.</summary>
public sealed record RemoveFriend(Guid PlayerId, Guid FriendId, string? RequestId);
