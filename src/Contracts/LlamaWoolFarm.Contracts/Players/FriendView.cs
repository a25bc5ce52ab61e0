namespace LlamaWoolFarm.Contracts.Players;

/// <summary>One friend as the list shows it.</summary>
public sealed record FriendView(Guid PlayerId, string? DisplayName);
