namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>The account is gone and its tombstone written: from now on nobody signs in as this player.</summary>
public sealed record AccountPurgeStarted(Guid PlayerId, Guid DeletionId, DateTimeOffset StartedAt);
