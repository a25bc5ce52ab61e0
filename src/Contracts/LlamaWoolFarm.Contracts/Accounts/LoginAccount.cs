namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request to check an email and password (and the TOTP code when 2FA is on); answered like <see cref="RegisterAccount"/>.</summary>
public sealed record LoginAccount(string Email, string Password, string? TwoFactorCode, string? RequestId);
