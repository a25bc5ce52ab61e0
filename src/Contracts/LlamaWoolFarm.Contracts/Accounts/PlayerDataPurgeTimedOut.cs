namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Scheduled by the account-deletion saga: the time the owners had to answer is up.</summary>
public sealed record PlayerDataPurgeTimedOut(Guid PlayerId, Guid DeletionId);
