using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// The live token of each kind of account mail per player (collection <c>account_mail_tokens</c>, id
/// <c>{kind}-{playerId:N}</c>): its hash, expiry, when it was sent and whether it was used. One per kind: a new mail
/// replaces the previous token. Kept apart from the players document so mailing never races a login's write.
/// </summary>
public sealed class AccountMailTokens(IDocumentStore store, TimeProvider clock)
{
    public const string PasswordReset = "reset";
    public const string EmailVerification = "verify";

    private readonly IDocumentCollection<AccountMailToken> _tokens = store.Collection<AccountMailToken>("account_mail_tokens");

    /// <summary>
    /// A new token, stored before it is mailed (a mail whose token was lost would be a dead link); null, with nothing
    /// changed, while the last one of this kind is younger than <paramref name="cooldown"/>.
    /// </summary>
    public async Task<string?> IssueAsync(string kind, Guid playerId, string? boundTo, TimeSpan lifetime, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = await _tokens.GetAsync(Id(kind, playerId), cancellationToken);
        if (stored is not null && now - stored.Document.SentAt < cooldown)
        {
            return null;
        }

        var (token, hash) = AccountTokens.New(playerId, boundTo);
        var record = new AccountMailToken { PlayerId = playerId, Hash = hash, ExpiresAt = now + lifetime, SentAt = now };
        var written = stored is null
            ? await _tokens.InsertAsync(Id(kind, playerId), record, cancellationToken)
            : await _tokens.ReplaceAsync(stored.Id, record, stored.Version, cancellationToken);
        return written
            ? token
            : throw new MassTransit.ConcurrencyException("Two mails of one kind were made at once.", typeof(AccountMailToken), playerId);
    }

    /// <summary>
    /// Uses a token once: true when it is the live, unexpired, unused token of this kind for that address; it is then
    /// marked used under the stored version, so of two racing uses one wins.
    /// </summary>
    public async Task<bool> RedeemAsync(string kind, string token, string? boundTo, CancellationToken cancellationToken)
    {
        if (AccountTokens.PlayerOf(token) is not { } playerId)
        {
            return false;
        }

        var stored = await _tokens.GetAsync(Id(kind, playerId), cancellationToken);
        if (stored is null || stored.Document.Used || stored.Document.ExpiresAt <= clock.GetUtcNow() || !AccountTokens.Matches(stored.Document.Hash, token, boundTo))
        {
            return false;
        }

        stored.Document.Used = true;
        return await _tokens.ReplaceAsync(stored.Id, stored.Document, stored.Version, cancellationToken);
    }

    /// <summary>Ends the live token of a kind (a reset link after the password changed some other way).</summary>
    public Task RevokeAsync(string kind, Guid playerId, CancellationToken cancellationToken) =>
        _tokens.DeleteAsync(Id(kind, playerId), cancellationToken);

    private static string Id(string kind, Guid playerId) => $"{kind}-{playerId:N}";
}

/// <summary>A stored mail token: only its hash (bound to the address it went to), never the token.</summary>
public sealed class AccountMailToken
{
    public Guid PlayerId { get; set; }

    public string Hash { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public bool Used { get; set; }
}
