namespace LlamaWoolFarm.Contracts.Players;

/// <summary>Request to befriend a player named by id or friend code (both ways); answered with <see cref="FriendList"/> or <see cref="Accounts.AccountRefused"/>.</summary>
public sealed record AddFriend(Guid PlayerId, Guid? FriendId, string? FriendCode, string? RequestId);
