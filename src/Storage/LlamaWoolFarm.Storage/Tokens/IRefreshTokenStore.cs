namespace LlamaWoolFarm.Storage.Tokens;

/// <summary>
/// Refresh tokens, stored by the SHA-256 hash of the token (never the token itself). Each token belongs to a family
/// (one login); using a token rotates it, and using one that was already rotated revokes the whole family.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Stores a token hash until its record's expiry.</summary>
    Task StoreAsync(string tokenHash, RefreshTokenRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses a token once, atomically: the first use answers <see cref="RefreshTokenOutcome.Valid"/> with the record;
    /// every later use revokes the family and answers <see cref="RefreshTokenOutcome.Reused"/>.
    /// </summary>
    Task<RefreshTokenUse> UseAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes the family of a token that belongs to <paramref name="playerId"/> (logout). Returns false, and revokes
    /// nothing, when the token is unknown, expired or another player's.
    /// </summary>
    Task<bool> RevokeFamilyOfAsync(string tokenHash, Guid playerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes every session family of <paramref name="playerId"/> (password change or reset) — with
    /// <paramref name="startedBefore"/>, only those started before it (<see cref="SessionFamilies"/>), so a session
    /// started after a password change survives the change's late announcement. Answers how many were revoked.
    /// </summary>
    Task<int> RevokePlayerAsync(Guid playerId, DateTimeOffset? startedBefore = null, CancellationToken cancellationToken = default);
}

/// <summary>What a refresh token stands for.</summary>
public sealed record RefreshTokenRecord(Guid PlayerId, string FamilyId, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>The result of using a refresh token; <c>Record</c> is set only when it is valid.</summary>
public sealed record RefreshTokenUse(RefreshTokenOutcome Outcome, RefreshTokenRecord? Record);

/// <summary>The outcomes of using a refresh token.</summary>
public enum RefreshTokenOutcome
{
    /// <summary>First use of a live token of a live family.</summary>
    Valid,

    /// <summary>Unknown or expired.</summary>
    NotFound,

    /// <summary>The token had been used before: its family is now revoked.</summary>
    Reused,

    /// <summary>The family was revoked (logout or an earlier reuse).</summary>
    Revoked,
}
