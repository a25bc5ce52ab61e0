namespace LlamaWoolFarm.Contracts.Events;

/// <summary>
/// The game worker added an event reward to the player's state. Published again when the same
/// <see cref="GrantEventReward"/> is replayed (the Golden Fleece is added once): the saga counts each rank once.
/// </summary>
public sealed record EventRewardGranted(Guid EventId, Guid PlayerId, Guid CommandId, long Rank, long GoldenFleece, long TotalGoldenFleece, DateTimeOffset GrantedAt);
