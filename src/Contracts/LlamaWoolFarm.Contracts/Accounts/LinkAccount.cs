namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request to add an email and password to a guest account, keeping its player id and farm.</summary>
public sealed record LinkAccount(Guid PlayerId, string Email, string Password, string? RequestId);
