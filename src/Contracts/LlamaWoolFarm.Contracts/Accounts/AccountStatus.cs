namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>A player's account state (<see cref="AccountStatuses"/>); <c>PurgeAt</c> is set while a deletion is pending.</summary>
public sealed record AccountStatus(Guid PlayerId, string Status, DateTimeOffset? PurgeAt);
