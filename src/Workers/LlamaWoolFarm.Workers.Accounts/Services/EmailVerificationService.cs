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
public sealed class EmailVerificationService(IDocumentStore store, PasswordHasher hasher, AccountMailer mailer, IOptions<AccountMailOptions> mailOptions, TimeProvider clock, ILogger<EmailVerificationService> logger)
{
    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);
    private readonly AccountMailOptions _mail = mailOptions.Value;

    /// <summary>
    /// Makes a verification token for the address that waits for one (the pending email, else an unverified email)
    /// and mails the link there. Nothing is sent within the cooldown of the last verification mail, or when nothing
    /// waits.
    /// </summary>
    public async Task SendVerificationMailAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(playerId.ToString("N"), cancellationToken);
        if (stored?.Document is not { PurgeStarted: false } account || Target(account) is not { } target)
        {
            return;
        }

        var now = clock.GetUtcNow();
        // The cooldown holds only for the same address: a new pending email gets its mail at once.
        if (account.EmailVerificationSentAt is { } last && now - last < _mail.MailCooldown && account.EmailVerificationFor == AccountInputs.EmailKey(target))
        {
            logger.LogInformation("Verification mail for {PlayerId} not sent: the last one is younger than the cooldown", playerId);
            return;
        }

        var (token, hash) = AccountTokens.New(playerId);
        account.EmailVerificationHash = hash;
        account.EmailVerificationFor = AccountInputs.EmailKey(target);
        account.EmailVerificationExpiresAt = now + _mail.EmailVerificationLifetime;
        account.EmailVerificationSentAt = now;
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new MassTransit.ConcurrencyException("The account changed while a verification mail was made.", typeof(PlayerAccount), playerId);
        }

        await mailer.SendAsync(target, _mail.VerifyEmail, PasswordService.Values(account, target, "verify-email", token, _mail.EmailVerificationLifetime, _mail), cancellationToken);
    }

    /// <summary>
    /// Confirms an address with its token (once, before it expires). A pending email becomes the sign-in email unless
    /// another account took it meanwhile (<c>EMAIL_TAKEN</c>). Every bad token is <c>INVALID_VERIFICATION_TOKEN</c>.
    /// </summary>
    public async Task<object> VerifyAsync(VerifyEmail request, CancellationToken cancellationToken)
    {
        var invalid = AccountService.Refuse(AccountErrorCodes.InvalidVerificationToken, "This verification link is not valid (it expired, was used, or a newer one was sent).", "token");
        var playerId = AccountTokens.PlayerOf(request.Token);
        if (playerId is null)
        {
            return invalid;
        }

        var stored = await _players.GetAsync(playerId.Value.ToString("N"), cancellationToken);
        if (stored?.Document is not { PurgeStarted: false } account
            || Target(account) is not { } target
            || account.EmailVerificationFor != AccountInputs.EmailKey(target)
            || !AccountTokens.Matches(account.EmailVerificationHash, request.Token)
            || account.EmailVerificationExpiresAt is not { } expires || expires <= clock.GetUtcNow())
        {
            return invalid;
        }

        if (account.PendingEmail is not null)
        {
            var key = AccountInputs.EmailKey(account.PendingEmail);
            var holder = await _players.FindAsync("emailKey", key, 1, cancellationToken);
            if (holder.Count > 0 && holder[0].Id != stored.Id)
            {
                return AccountService.Refuse(AccountErrorCodes.EmailTaken, "An account with this email exists.", "email");
            }

            account.Email = account.PendingEmail.Trim();
            account.EmailKey = key;
            account.PendingEmail = null;
            // A reset link sent to the old address must not work once it is no longer the account's.
            account.PasswordResetHash = null;
            account.PasswordResetExpiresAt = null;
        }

        account.EmailVerified = true;
        account.EmailVerificationHash = null;
        account.EmailVerificationFor = null;
        account.EmailVerificationExpiresAt = null;
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            // The unique email index refuses a new email another account took in between.
            var again = await _players.GetAsync(stored.Id, cancellationToken);
            return again?.Document.EmailVerificationHash is null
                ? invalid
                : AccountService.Refuse(AccountErrorCodes.EmailTaken, "An account with this email exists.", "email");
        }

        logger.LogInformation("Account {PlayerId} verified its email", account.PlayerId);
        return new EmailVerified(account.PlayerId, account.Email!);
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
