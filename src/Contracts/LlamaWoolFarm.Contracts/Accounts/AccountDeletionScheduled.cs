namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>The account will be purged at <c>PurgeAt</c> unless the player signs in before; <c>Replayed</c> when it was asked already.</summary>
public sealed record AccountDeletionScheduled(Guid PlayerId, Guid DeletionId, DateTimeOffset RequestedAt, DateTimeOffset PurgeAt, bool Replayed);
