namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Two-factor authentication is on for the player from now on.</summary>
public sealed record TwoFactorEnabled(Guid PlayerId);
