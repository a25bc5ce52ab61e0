namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request to start TOTP setup; answered with <see cref="TwoFactorSetupStarted"/> or <see cref="AccountRefused"/>.</summary>
public sealed record SetupTwoFactor(Guid PlayerId, string? RequestId);
