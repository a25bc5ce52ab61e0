using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// The one-time tokens of reset and verification mails: <c>{playerId:N}.{256 random bits, base64url}</c>. The player id
/// lets the worker find the token record without an index on the secret; only a SHA-256 is stored, so a copy of the
/// store opens no account. The hash also covers the address the mail went to, so a token confirms only that address.
/// </summary>
public static class AccountTokens
{
    /// <summary>The length of every token (32 + 1 + 43 characters).</summary>
    public const int Length = 76;

    /// <summary>A new token for a player, and the hash to store for it and the address it is mailed to.</summary>
    public static (string Token, string Hash) New(Guid playerId, string? boundTo)
    {
        var token = playerId.ToString("N") + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token, boundTo));
    }

    /// <summary>The player a well-formed token names, or null.</summary>
    public static Guid? PlayerOf(string? token) =>
        token is { Length: Length } && token[32] == '.' && Guid.TryParseExact(token.AsSpan(0, 32), "N", out var id) ? id : null;

    /// <summary>Whether a token (for that address) is the one whose hash is stored; compared in constant time.</summary>
    public static bool Matches(string? storedHash, string token, string? boundTo) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(token, boundTo)));

    private static string Hash(string token, string? boundTo) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token + "\n" + boundTo)));
}
