using OtpNet;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with one step of clock drift allowed either way.</summary>
public sealed class TwoFactor(TimeProvider clock)
{
    /// <summary>The issuer name authenticator apps show.</summary>
    public const string Issuer = "Llama Wool Farm";

    /// <summary>A new random 160-bit secret, base32.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The <c>otpauth://totp/…</c> URI an authenticator app reads from a QR code.</summary>
    public static string ProvisioningUri(string secret, string account) => new OtpUri(OtpType.Totp, secret, account, Issuer).ToString();

    /// <summary>The code for a secret at a moment (tests and the web client's demo only).</summary>
    public static string CodeAt(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>
    /// The time step a code matches now, or null. The caller refuses steps at or before the last one accepted, so a
    /// code cannot be replayed within its validity window.
    /// </summary>
    public long? Match(string secret, string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) ? step : null;
    }
}
