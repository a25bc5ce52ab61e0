namespace LlamaWoolFarm.Contracts.Players;

/// <summary>An owner deleted its part of a deleted player's data; <c>Removed</c> counts what it deleted this time.</summary>
public sealed record PlayerDataPurged(Guid PlayerId, Guid DeletionId, string Part, long Removed, DateTimeOffset PurgedAt);
