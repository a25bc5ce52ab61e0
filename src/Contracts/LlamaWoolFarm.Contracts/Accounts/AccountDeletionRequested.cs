namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Starts the account-deletion saga (correlated by <c>PlayerId</c>): a grace period until <c>PurgeAt</c>.</summary>
public sealed record AccountDeletionRequested(Guid PlayerId, Guid DeletionId, DateTimeOffset RequestedAt, DateTimeOffset PurgeAt);
