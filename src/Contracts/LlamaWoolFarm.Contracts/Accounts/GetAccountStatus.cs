namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request for whether a player may still use the account; answered with <see cref="AccountStatus"/>.</summary>
public sealed record GetAccountStatus(Guid PlayerId);
