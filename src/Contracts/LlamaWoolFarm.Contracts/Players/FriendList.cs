namespace LlamaWoolFarm.Contracts.Players;

/// <summary>A player's friends.</summary>
public sealed record FriendList(Guid PlayerId, IReadOnlyList<FriendView> Friends);
