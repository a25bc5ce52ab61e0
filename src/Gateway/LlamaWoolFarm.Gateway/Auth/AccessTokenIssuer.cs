using System.Security.Claims;
using LlamaWoolFarm.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>Issues access tokens: HMAC-SHA256 JWTs naming the player (<c>sub</c>) and its roles.</summary>
public sealed class AccessTokenIssuer(TokenSigning signing, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    // One key for the life of the process: the credentials (and the signature provider the library caches for them)
    // are made once, not per token.
    private readonly SigningCredentials _credentials = new(signing.Key, SecurityAlgorithms.HmacSha256);

    public TokenResponse Issue(Guid playerId, IEnumerable<string> roles)
    {
        var now = clock.GetUtcNow();
        var expires = now + signing.Options.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(AuthenticationExtensions.SubjectClaim, playerId.ToString()),
            new("jti", Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim(AuthenticationExtensions.RoleClaim, r)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = signing.Options.Issuer,
            Audience = signing.Options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return new TokenResponse(token, "Bearer", (int)signing.Options.AccessTokenLifetime.TotalSeconds, playerId);
    }
}

/// <summary>
/// What <c>auth/*</c> answers: the access token and, for sessions, the refresh token that renews it
/// (<c>refreshExpiresIn</c> seconds from now).
/// </summary>
public sealed record TokenResponse(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    Guid PlayerId,
    string? RefreshToken = null,
    int? RefreshExpiresIn = null);
