namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Scheduled by the account-deletion saga for the end of the grace period.</summary>
public sealed record EndAccountDeletionGracePeriod(Guid PlayerId, Guid DeletionId);
