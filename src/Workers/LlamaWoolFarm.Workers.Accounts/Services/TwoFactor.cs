using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with one step of clock drift allowed either way. Secrets are stored sealed
/// with ASP.NET Core Data Protection (<c>dp1:</c> + the protected payload), so a copy of the players collection —
/// a backup, a dump — does not hold them. Sealed is the only stored format.
/// </summary>
public sealed class TwoFactor(TimeProvider clock, IDataProtectionProvider protection)
{
    /// <summary>The issuer name authenticator apps show.</summary>
    public const string Issuer = "Llama Wool Farm";

    private const string SealedPrefix = "dp1:";

    private readonly IDataProtector _protector = protection.CreateProtector("LlamaWoolFarm.Accounts.TotpSecret.v1");

    /// <summary>A new random 160-bit secret, base32.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The <c>otpauth://totp/…</c> URI an authenticator app reads from a QR code.</summary>
    public static string ProvisioningUri(string secret, string account) => new OtpUri(OtpType.Totp, secret, account, Issuer).ToString();

    /// <summary>The code for a secret at a moment (tests and the web client's demo only).</summary>
    public static string CodeAt(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>True when a stored secret is sealed.</summary>
    public static bool IsSealed(string? stored) => stored?.StartsWith(SealedPrefix, StringComparison.Ordinal) == true;

    /// <summary>The form a secret is stored in.</summary>
    public string Seal(string secret) => SealedPrefix + _protector.Protect(secret);

    /// <summary>
    /// The secret of a stored value. Throws (<see cref="System.Security.Cryptography.CryptographicException"/>) when
    /// the value is not sealed or the key ring lost the key it was sealed with: that is an operations incident, not a
    /// wrong code.
    /// </summary>
    public string Open(string stored) => IsSealed(stored)
        ? _protector.Unprotect(stored[SealedPrefix.Length..])
        : throw new System.Security.Cryptography.CryptographicException("The stored TOTP secret is not sealed.");

    /// <summary>
    /// The time step a code matches now for a stored (sealed) secret, or null. The caller refuses steps at
    /// or before the last one accepted, so a code cannot be replayed within its validity window.
    /// </summary>
    public long? Match(string storedSecret, string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(Open(storedSecret)));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) ? step : null;
    }
}
