using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.Storage.Tokens;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>
/// Sessions: an access token plus a refresh token (256 random bits, stored only as its SHA-256). Refreshing
/// rotates the refresh token inside its family and keeps the family's end; presenting a rotated token again
/// revokes the family, so a stolen token dies at the first use by either party.
/// </summary>
public sealed class SessionTokens(AccessTokenIssuer access, IRefreshTokenStore store, TokenSigning signing, TimeProvider clock, BanList bans)
{
    /// <summary>
    /// Starts a new session family for an account that just proved who it is; a banned account gets
    /// <see cref="AccountBannedException"/> (403 <c>ACCOUNT_BANNED</c>) instead, whichever way it signed in.
    /// </summary>
    public async Task<TokenResponse> StartAsync(Guid playerId, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        await RefuseBannedAsync(playerId, cancellationToken);
        return await IssueAsync(new RefreshTokenRecord(playerId, SessionFamilies.NewId(clock.GetUtcNow()), roles, clock.GetUtcNow() + signing.Options.RefreshTokenLifetime), cancellationToken);
    }

    /// <summary>Rotates a refresh token; null outcome details say why it was refused.</summary>
    public async Task<(TokenResponse? Tokens, RefreshTokenOutcome Outcome)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var use = await store.UseAsync(Hash(refreshToken), cancellationToken);
        if (use.Outcome != RefreshTokenOutcome.Valid)
        {
            return (null, use.Outcome);
        }

        // The token was used up: a banned player signs in again once the ban ends.
        await RefuseBannedAsync(use.Record!.PlayerId, cancellationToken);
        return (await IssueAsync(use.Record!, cancellationToken), use.Outcome);
    }

    /// <summary>
    /// Ends the session family of a refresh token of <paramref name="playerId"/>. False, with nothing revoked, when the
    /// token is unknown or another player's.
    /// </summary>
    public Task<bool> RevokeAsync(string refreshToken, Guid playerId, CancellationToken cancellationToken) =>
        store.RevokeFamilyOfAsync(Hash(refreshToken), playerId, cancellationToken);

    /// <summary>Ends every session of a player (password change or reset); sessions started afterwards are not touched.</summary>
    public Task<int> RevokeAllAsync(Guid playerId, CancellationToken cancellationToken) =>
        store.RevokePlayerAsync(playerId, null, cancellationToken);

    /// <summary>Ends the sessions of a player started before <paramref name="moment"/> (a password change announced late).</summary>
    public Task<int> RevokeStartedBeforeAsync(Guid playerId, DateTimeOffset moment, CancellationToken cancellationToken) =>
        store.RevokePlayerAsync(playerId, moment, cancellationToken);

    private async Task RefuseBannedAsync(Guid playerId, CancellationToken cancellationToken)
    {
        if (await bans.FindAsync(playerId, cancellationToken) is { } ban)
        {
            throw new AccountBannedException(ban);
        }
    }

    /// <summary>The stored form of a refresh token: hex SHA-256 of its text.</summary>
    public static string Hash(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    private async Task<TokenResponse> IssueAsync(RefreshTokenRecord family, CancellationToken cancellationToken)
    {
        var refresh = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await store.StoreAsync(Hash(refresh), family, cancellationToken);
        var remaining = (int)Math.Max(0, (family.ExpiresAt - clock.GetUtcNow()).TotalSeconds);
        return access.Issue(family.PlayerId, family.Roles) with { RefreshToken = refresh, RefreshExpiresIn = remaining };
    }
}

/// <summary>A banned account tried to start or renew a session; the envelope answers 403 <c>ACCOUNT_BANNED</c>.</summary>
public sealed class AccountBannedException(BanEntry ban) : Exception("The account is banned.")
{
    public BanEntry Ban { get; } = ban;
}
