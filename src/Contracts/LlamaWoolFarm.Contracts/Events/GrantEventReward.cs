namespace LlamaWoolFarm.Contracts.Events;

/// <summary>
/// Command to the game worker: add <c>GoldenFleece</c> to the player's state. <c>CommandId</c> is derived from event
/// and player, so however often it is sent, the game worker applies it once.
/// </summary>
public sealed record GrantEventReward(Guid CommandId, Guid PlayerId, string? RequestId, Guid EventId, long Rank, long GoldenFleece);
