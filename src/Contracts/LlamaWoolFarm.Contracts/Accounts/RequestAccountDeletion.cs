namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>
/// A player asks for the account to be deleted; answered with <see cref="AccountDeletionScheduled"/> (asking again
/// during the grace period answers the same schedule) or <see cref="AccountRefused"/>.
/// </summary>
public sealed record RequestAccountDeletion(Guid PlayerId, string? RequestId);
