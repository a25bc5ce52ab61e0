namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>The new TOTP secret (base32) and its <c>otpauth://</c> provisioning URI, pending verification.</summary>
public sealed record TwoFactorSetupStarted(string Secret, string ProvisioningUri);
