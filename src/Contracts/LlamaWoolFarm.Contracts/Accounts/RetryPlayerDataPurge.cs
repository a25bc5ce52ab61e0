namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Scheduled by the account-deletion saga: ask the parts that have not answered again.</summary>
public sealed record RetryPlayerDataPurge(Guid PlayerId, Guid DeletionId);
