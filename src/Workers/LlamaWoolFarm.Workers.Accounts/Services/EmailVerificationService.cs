using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Accounts.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// Email verification: after registration or linking (the account's email) and after an email change (the pending
/// email, which replaces the sign-in email only once verified, so a typo cannot lock a player out).
/// </summary>
public sealed class EmailVerificationService(IDocumentStore store, PasswordHasher hasher, AccountMailTokens tokens, AccountMailer mailer, IOptions<AccountMailOptions> mailOptions, ILogger<EmailVerificationService> logger)
{
    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);
    private readonly AccountMailOptions _mail = mailOptions.Value;

    /// <summary>
    /// Makes a verification token for the address that waits for one (the pending email, else an unverified email)
    /// and mails the link there. A resend within the cooldown of the last verification mail sends nothing; so does an
    /// account with nothing to verify.
    /// </summary>
    public async Task SendVerificationMailAsync(Guid playerId, bool resend, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(playerId.ToString("N"), cancellationToken);
        if (stored?.Document is not { PurgeStarted: false } account || Target(account) is not { } target)
        {
            return;
        }

        var token = await tokens.IssueAsync(AccountMailTokens.EmailVerification, playerId, AccountInputs.EmailKey(target), _mail.EmailVerificationLifetime, resend ? _mail.MailCooldown : TimeSpan.Zero, cancellationToken);
        if (token is null)
        {
            logger.LogInformation("Verification mail for {PlayerId} not sent: the last one is younger than the cooldown", playerId);
            return;
        }

        await mailer.SendAsync(target, _mail.VerifyEmail, PasswordService.Values(account, target, "verify-email", token, _mail.EmailVerificationLifetime, _mail), cancellationToken);
    }

    /// <summary>
    /// Confirms an address with its token (once, before it expires, for the address it was mailed to). A pending
    /// email becomes the sign-in email unless another account holds it (<c>EMAIL_TAKEN</c>). Every bad token is
    /// <c>INVALID_VERIFICATION_TOKEN</c>.
    /// </summary>
    public async Task<object> VerifyAsync(VerifyEmail request, CancellationToken cancellationToken)
    {
        var invalid = AccountService.Refuse(AccountErrorCodes.InvalidVerificationToken, "This verification link is not valid (it expired, was used, or a newer one was sent).", "token");
        var taken = AccountService.Refuse(AccountErrorCodes.EmailTaken, "An account with this email exists.", "email");
        var playerId = AccountTokens.PlayerOf(request.Token);
        var account = playerId is null ? null : (await _players.GetAsync(playerId.Value.ToString("N"), cancellationToken))?.Document;
        if (account is not { PurgeStarted: false } || Target(account) is not { } target)
        {
            return invalid;
        }

        var key = AccountInputs.EmailKey(target);
        var holder = await _players.FindAsync("emailKey", key, 1, cancellationToken);
        if (holder.Count > 0 && holder[0].Document.PlayerId != account.PlayerId)
        {
            // Checked before the token is used, so the player can still verify after choosing another email.
            return taken;
        }

        if (!await tokens.RedeemAsync(AccountMailTokens.EmailVerification, request.Token, key, cancellationToken))
        {
            return invalid;
        }

        var verified = await PlayerWrites.UpdateAsync(_players, account.PlayerId, a =>
        {
            if (Target(a) is not { } now || AccountInputs.EmailKey(now) != key)
            {
                return false;
            }

            if (a.PendingEmail is not null)
            {
                a.Email = a.PendingEmail.Trim();
                a.EmailKey = key;
                a.PendingEmail = null;
            }

            a.EmailVerified = true;
            return true;
        }, cancellationToken);
        if (verified is null)
        {
            // The unique email index refused it: another account took the address in between.
            return (await _players.FindAsync("emailKey", key, 1, cancellationToken)).Count > 0 ? taken : invalid;
        }

        logger.LogInformation("Account {PlayerId} verified its email", verified.PlayerId);
        return new EmailVerified(verified.PlayerId, verified.Email!);
    }

    /// <summary>
    /// Starts an email change: the current password is required, the new email must be free; it is kept as pending
    /// and a verification mail goes to it (the caller publishes <see cref="SendEmailVerificationMail"/>).
    /// </summary>
    public async Task<object> ChangeEmailAsync(ChangeEmail request, CancellationToken cancellationToken)
    {
        var emailProblem = AccountInputs.EmailProblem(request.NewEmail);
        if (emailProblem is not null)
        {
            return AccountService.Refuse(AccountErrorCodes.ValidationError, emailProblem, "email");
        }

        var stored = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (stored?.Document is not { PurgeStarted: false } account)
        {
            return AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        if (account.PasswordHash is null)
        {
            return AccountService.Refuse(AccountErrorCodes.PasswordNotSet, "This account has no password; link an email first.", "currentPassword");
        }

        var current = request.CurrentPassword is { Length: <= AccountInputs.MaxPasswordLength } p ? p : string.Empty;
        if (!hasher.Verify(current, account.PasswordHash).Valid)
        {
            return AccountService.Refuse(AccountErrorCodes.InvalidCredentials, "The current password is wrong.", "currentPassword");
        }

        var key = AccountInputs.EmailKey(request.NewEmail);
        if (key == account.EmailKey)
        {
            return AccountService.Refuse(AccountErrorCodes.ValidationError, "This is the account's email already.", "email");
        }

        if ((await _players.FindAsync("emailKey", key, 1, cancellationToken)).Count > 0)
        {
            return AccountService.Refuse(AccountErrorCodes.EmailTaken, "An account with this email exists.", "email");
        }

        account.PendingEmail = request.NewEmail.Trim();
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new MassTransit.ConcurrencyException("The account changed during an email change.", typeof(PlayerAccount), request.PlayerId);
        }

        return new EmailVerificationSent(account.PlayerId, account.PendingEmail);
    }

    /// <summary>Whether a verification mail may be sent again: the address waiting for it, or a refusal.</summary>
    public async Task<object> ResendAsync(ResendEmailVerification request, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (stored?.Document is not { PurgeStarted: false } account)
        {
            return AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        return Target(account) is { } target
            ? new EmailVerificationSent(account.PlayerId, target)
            : AccountService.Refuse(
                account.Email is null ? AccountErrorCodes.PasswordNotSet : AccountErrorCodes.EmailAlreadyVerified,
                account.Email is null ? "This account has no email; link one first." : "The email is verified already.",
                null);
    }

    // The address that waits for verification: a pending new email first, else the account's own unverified one.
    private static string? Target(PlayerAccount account) =>
        account.PendingEmail ?? (account.Email is not null && !account.EmailVerified ? account.Email : null);
}
