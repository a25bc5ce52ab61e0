using System.Globalization;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Accounts.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// Password change (current password required) and reset by email (single-use, expiring, hashed tokens). The gateway
/// revokes the player's sessions after either.
/// </summary>
public sealed class PasswordService(IDocumentStore store, PasswordHasher hasher, AccountMailTokens tokens, AccountMailer mailer, IOptions<AccountMailOptions> mailOptions, ILogger<PasswordService> logger)
{
    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);
    private readonly AccountMailOptions _mail = mailOptions.Value;

    /// <summary>Sets a new password when the current one is right; a wrong one is <c>INVALID_CREDENTIALS</c> and changes nothing.</summary>
    public async Task<object> ChangeAsync(ChangePassword request, CancellationToken cancellationToken)
    {
        var problem = AccountInputs.PasswordProblem(request.NewPassword);
        if (problem is not null)
        {
            return AccountService.Refuse(AccountErrorCodes.ValidationError, problem, "newPassword");
        }

        var stored = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (stored is null || stored.Document.PurgeStarted)
        {
            return AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        var account = stored.Document;
        if (account.PasswordHash is null)
        {
            return AccountService.Refuse(AccountErrorCodes.PasswordNotSet, "This account has no password; link an email first.", "currentPassword");
        }

        var current = request.CurrentPassword is { Length: <= AccountInputs.MaxPasswordLength } p ? p : string.Empty;
        if (!hasher.Verify(current, account.PasswordHash).Valid)
        {
            // The same change sent again after its answer was lost (a worker timeout answers 503 while the change may
            // still apply): the stored password is already the new one, which the caller knows, so it is answered as
            // changed — the gateway then ends the other sessions, as it would have the first time.
            if (hasher.Verify(request.NewPassword, account.PasswordHash).Valid)
            {
                logger.LogInformation("Account {PlayerId} repeated a password change that had already applied", account.PlayerId);
                return new PasswordChanged(account.PlayerId, account.Roles);
            }

            return AccountService.Refuse(AccountErrorCodes.InvalidCredentials, "The current password is wrong.", "currentPassword");
        }

        account.PasswordHash = hasher.Hash(request.NewPassword);
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new MassTransit.ConcurrencyException("The account changed during a password change.", typeof(PlayerAccount), request.PlayerId);
        }

        // A reset link mailed before the change must not undo it.
        await tokens.RevokeAsync(AccountMailTokens.PasswordReset, account.PlayerId, cancellationToken);

        logger.LogInformation("Account {PlayerId} changed its password", account.PlayerId);
        return new PasswordChanged(account.PlayerId, account.Roles);
    }

    /// <summary>
    /// The account a reset mail should go to, or null (unknown email, a guest, a purged account). The caller answers
    /// the same either way.
    /// </summary>
    public async Task<Guid?> ResetTargetAsync(string? email, CancellationToken cancellationToken)
    {
        if (AccountInputs.EmailProblem(email) is not null)
        {
            return null;
        }

        var found = await _players.FindAsync("emailKey", AccountInputs.EmailKey(email!), 1, cancellationToken);

        return found.Count == 1 && found[0].Document is { PurgeStarted: false, PasswordHash: not null } account ? account.PlayerId : null;
    }

    /// <summary>
    /// Makes a reset token, stores its hash and mails the link. Within the cooldown of the last reset mail nothing is
    /// sent (one address cannot be flooded). A new token replaces the previous one.
    /// </summary>
    public async Task SendResetMailAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(playerId.ToString("N"), cancellationToken);
        if (stored?.Document is not { PurgeStarted: false, Email: not null, EmailKey: not null } account)
        {
            return;
        }

        var token = await tokens.IssueAsync(AccountMailTokens.PasswordReset, playerId, account.EmailKey, _mail.PasswordResetLifetime, _mail.MailCooldown, cancellationToken);
        if (token is null)
        {
            logger.LogInformation("Reset mail for {PlayerId} not sent: the last one is younger than the cooldown", playerId);
            return;
        }

        await mailer.SendAsync(account.Email, _mail.PasswordReset, Values(account, account.Email, "reset-password", token, _mail.PasswordResetLifetime), cancellationToken);
    }

    /// <summary>
    /// Sets a new password with a reset token: once, before it expires, while the account's email is the one it was
    /// mailed to. Every bad token (malformed, unknown, used, expired, replaced by a newer one) is the same
    /// <c>INVALID_RESET_TOKEN</c> and changes nothing.
    /// </summary>
    public async Task<object> ResetAsync(ResetPassword request, CancellationToken cancellationToken)
    {
        var problem = AccountInputs.PasswordProblem(request.NewPassword);
        if (problem is not null)
        {
            return AccountService.Refuse(AccountErrorCodes.ValidationError, problem, "newPassword");
        }

        var invalid = AccountService.Refuse(AccountErrorCodes.InvalidResetToken, "This reset link is not valid (it expired, was used, or a newer one was sent).", "token");
        var playerId = AccountTokens.PlayerOf(request.Token);
        var account = playerId is null ? null : (await _players.GetAsync(playerId.Value.ToString("N"), cancellationToken))?.Document;
        if (account is not { PurgeStarted: false, EmailKey: not null }
            || !await tokens.RedeemAsync(AccountMailTokens.PasswordReset, request.Token, account.EmailKey, cancellationToken))
        {
            return invalid;
        }

        // The token is used up; the new password is written whatever else changes on the account meanwhile.
        var hash = hasher.Hash(request.NewPassword);
        var changed = await PlayerWrites.UpdateAsync(_players, playerId!.Value, a =>
        {
            a.PasswordHash = hash;
            // The link came to the account's mailbox, so that mailbox is the player's.
            a.EmailVerified = a.EmailKey == account.EmailKey || a.EmailVerified;
            return true;
        }, cancellationToken);
        if (changed is null)
        {
            return invalid;
        }

        logger.LogInformation("Account {PlayerId} reset its password by email", changed.PlayerId);
        return new PasswordChanged(changed.PlayerId, changed.Roles);
    }

    /// <summary>The placeholders of a mail; the link opens the web client's page for it.</summary>
    internal static Dictionary<string, string> Values(PlayerAccount account, string email, string page, string token, TimeSpan lifetime, AccountMailOptions options) => new()
    {
        ["link"] = $"{options.LinkBaseUrl.TrimEnd('/')}/#{page}?token={Uri.EscapeDataString(token)}",
        ["email"] = email,
        ["displayName"] = account.DisplayName ?? email,
        ["expiresInMinutes"] = ((int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
    };

    private Dictionary<string, string> Values(PlayerAccount account, string email, string page, string token, TimeSpan lifetime) =>
        Values(account, email, page, token, lifetime, _mail);
}
