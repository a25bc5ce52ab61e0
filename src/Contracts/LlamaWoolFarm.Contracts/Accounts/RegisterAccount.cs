namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request to create an email account; answered with <see cref="AccountAuthenticated"/> or <see cref="AccountRefused"/>.</summary>
public sealed record RegisterAccount(string Email, string Password, string? DisplayName, string? RequestId);
