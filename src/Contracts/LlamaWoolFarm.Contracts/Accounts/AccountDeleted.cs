namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Every owner confirmed its purge: nothing about the player is left but the tombstone.</summary>
public sealed record AccountDeleted(Guid PlayerId, Guid DeletionId, DateTimeOffset DeletedAt);
