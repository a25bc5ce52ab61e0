namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>
/// From the saga when the grace period is over: if the deletion is still pending, record the tombstone, remove the
/// account and publish <see cref="AccountPurgeStarted"/>; otherwise publish <see cref="AccountDeletionCancelled"/>.
/// </summary>
public sealed record BeginAccountPurge(Guid PlayerId, Guid DeletionId);
