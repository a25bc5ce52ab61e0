namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request to confirm a pending TOTP setup with a code; answered with <see cref="TwoFactorEnabled"/> or <see cref="AccountRefused"/>.</summary>
public sealed record VerifyTwoFactor(Guid PlayerId, string Code, string? RequestId);
