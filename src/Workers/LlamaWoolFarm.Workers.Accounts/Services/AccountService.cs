using System.Security.Cryptography;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Creates, finds, links and signs in player accounts.</summary>
public sealed class AccountService
{
    /// <summary>The role every account has.</summary>
    public const string PlayerRole = "player";

    /// <summary>The role of operators: granted at login to the emails of <c>Accounts:AdminEmails</c>; no API grants it.</summary>
    public const string AdminRole = "admin";

    private const string FriendCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly IDocumentCollection<PlayerAccount> _players;
    private readonly TimeProvider _clock;
    private readonly PasswordHasher _hasher;
    private readonly TwoFactor _twoFactor;
    private readonly ILogger<AccountService> _logger;
    private readonly AdminAccounts _admins;

    public AccountService(IDocumentStore store, TimeProvider clock, PasswordHasher hasher, TwoFactor twoFactor, ILogger<AccountService> logger, AdminAccounts admins)
    {
        _admins = admins;
        _players = Players(store);
        _clock = clock;
        _hasher = hasher;
        _twoFactor = twoFactor;
        _logger = logger;
    }

    /// <summary>The players collection with its indexes.</summary>
    public static IDocumentCollection<PlayerAccount> Players(IDocumentStore store) => store.Collection<PlayerAccount>(
        "players",
        new DocumentIndex("deviceId", Unique: true),
        new DocumentIndex("emailKey", Unique: true),
        new DocumentIndex("displayNameKey", Unique: true),
        new DocumentIndex("displayNameSkeleton", Unique: true),
        new DocumentIndex("friendCode", Unique: true));

    /// <summary>A fresh friend code: 8 characters without look-alikes (0/O, 1/I).</summary>
    public static string NewFriendCode() => RandomNumberGenerator.GetString(FriendCodeAlphabet, 8);

    /// <summary>
    /// The guest account of a device, created on first sight. The unique device index makes concurrent first
    /// requests from one device end with one account.
    /// </summary>
    public async Task<GuestRegistered> RegisterGuestAsync(string deviceId, CancellationToken cancellationToken) =>
        (await FindOrCreateGuestAsync(deviceId, cancellationToken)).Guest;

    /// <summary>
    /// <see cref="RegisterGuestAsync"/>, and whether the account found has a deletion pending that signing in calls
    /// off — read from the same document, so a guest with none (nearly every sign-in) needs no second read.
    /// </summary>
    public async Task<(GuestRegistered Guest, bool DeletionPending)> FindOrCreateGuestAsync(string deviceId, CancellationToken cancellationToken)
    {
        var existing = await FindAsync("deviceId", deviceId, cancellationToken);
        if (existing is not null)
        {
            return (new GuestRegistered(existing.Document.PlayerId, deviceId, existing.Document.Roles, Created: false), DeletionPending(existing.Document));
        }

        var account = NewAccount();
        account.DeviceId = deviceId;
        if (await InsertAsync(account, cancellationToken))
        {
            return (new GuestRegistered(account.PlayerId, deviceId, account.Roles, Created: true), false);
        }

        // A collision on another unique field (a generated display name's look-alike) is worth a fresh attempt with a new name.
        var winner = await FindAsync("deviceId", deviceId, cancellationToken)
            ?? throw new MassTransit.ConcurrencyException("A guest account insert collided but no account holds the device.", typeof(PlayerAccount), account.PlayerId);
        return (new GuestRegistered(winner.Document.PlayerId, deviceId, winner.Document.Roles, Created: false), DeletionPending(winner.Document));
    }

    /// <summary>A deletion the account's owner can still call off by signing in (its purge has not begun).</summary>
    internal static bool DeletionPending(PlayerAccount account) => account is { DeletionId: not null, PurgeStarted: false };

    /// <summary>Creates an email account. A taken email or display name is refused and nothing is written.</summary>
    public async Task<object> RegisterAsync(RegisterAccount request, CancellationToken cancellationToken)
    {
        var problem = CheckCredentials(request.Email, request.Password);
        if (problem is not null)
        {
            return problem;
        }

        var account = NewAccount();
        account.Email = request.Email.Trim();
        account.EmailKey = AccountInputs.EmailKey(request.Email);
        if (request.DisplayName is not null)
        {
            var (name, nameProblem) = AccountInputs.CleanDisplayName(request.DisplayName);
            if (name is null)
            {
                return Refuse(AccountErrorCodes.ValidationError, nameProblem!, "displayName");
            }

            account.DisplayName = name;
            account.DisplayNameKey = name.ToLowerInvariant();
            account.DisplayNameSkeleton = AccountInputs.DisplayNameSkeleton(name);
        }

        if (await FindAsync("emailKey", account.EmailKey, cancellationToken) is not null)
        {
            return EmailTaken();
        }

        if (account.DisplayName is not null && await DisplayNameHolderAsync(account.DisplayNameSkeleton!, cancellationToken) is not null)
        {
            return DisplayNameTaken();
        }

        account.PasswordHash = _hasher.Hash(request.Password);
        if (await InsertAsync(account, cancellationToken))
        {
            _logger.LogInformation("Account {PlayerId} registered", account.PlayerId);
            return new AccountAuthenticated(account.PlayerId, account.Roles, Created: true);
        }

        return await FindAsync("emailKey", account.EmailKey, cancellationToken) is not null
            ? EmailTaken()
            : DisplayNameTaken();
    }

    /// <summary>
    /// The account whose display name looks like this one (same skeleton) or differs only in letter case, or null.
    /// </summary>
    internal static async Task<PlayerAccount?> DisplayNameHolderAsync(IDocumentCollection<PlayerAccount> players, string skeleton, CancellationToken cancellationToken)
    {
        // The skeleton is lower-cased, so it also finds the same name in another letter case.
        var bySkeleton = await players.FindAsync("displayNameSkeleton", skeleton, 1, cancellationToken);
        return bySkeleton.Count > 0 ? bySkeleton[0].Document : null;
    }

    internal static AccountRefused DisplayNameTaken() => Refuse(AccountErrorCodes.DisplayNameTaken, "Another player has this display name.", "displayName");

    /// <summary>
    /// Checks an email, password and (when 2FA is on) a TOTP code. Every wrong answer is the same
    /// <c>INVALID_CREDENTIALS</c>, whether or not the email exists. A hash made under older parameters is upgraded.
    /// </summary>
    public async Task<object> LoginAsync(LoginAccount request, CancellationToken cancellationToken)
    {
        var stored = request.Email is null || request.Email.Length > AccountInputs.MaxEmailLength ? null : await FindByEmailAsync(request.Email, cancellationToken);
        var password = request.Password is { Length: <= AccountInputs.MaxPasswordLength } p ? p : string.Empty;
        var (valid, needsUpgrade) = _hasher.Verify(password, stored?.Document.PasswordHash);
        if (!valid || stored is null)
        {
            return Refuse(AccountErrorCodes.InvalidCredentials, "The email or password is wrong.", null);
        }

        var account = stored.Document;
        var changed = false;
        if (account.TotpSecret is not null)
        {
            if (string.IsNullOrEmpty(request.TwoFactorCode))
            {
                return Refuse(AccountErrorCodes.TwoFactorRequired, "This account needs its authenticator code.", "twoFactorCode");
            }

            var step = _twoFactor.Match(account.TotpSecret, request.TwoFactorCode);
            if (step is null || step <= account.TotpLastStep)
            {
                return Refuse(AccountErrorCodes.InvalidTwoFactorCode, "The authenticator code is wrong or was used already.", "twoFactorCode");
            }

            account.TotpLastStep = step.Value;
            changed = true;
        }

        if (needsUpgrade)
        {
            account.PasswordHash = _hasher.Hash(password);
            changed = true;
        }

        if (_admins.Includes(account.EmailKey) && !account.Roles.Contains(AdminRole))
        {
            // Operators are named in configuration; the role is granted once they prove the password (and 2FA).
            account.Roles = [.. account.Roles, AdminRole];
            changed = true;
            _logger.LogWarning("Account {PlayerId} was granted the admin role by Accounts:AdminEmails.", account.PlayerId);
        }

        // A lost race here (another login wrote first) costs only the upgrade or re-admits one replayed code step
        // once, so the write fails closed: the login is refused and the client retries.
        if (changed && !await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            return Refuse(AccountErrorCodes.InvalidTwoFactorCode, "The account changed meanwhile; try again with a new code.", "twoFactorCode");
        }

        return new AccountAuthenticated(account.PlayerId, account.Roles, Created: false);
    }

    /// <summary>Adds an email and password to a guest account; the player id (and so the farm) stays the same.</summary>
    public async Task<object> LinkAsync(LinkAccount request, CancellationToken cancellationToken)
    {
        var problem = CheckCredentials(request.Email, request.Password);
        if (problem is not null)
        {
            return problem;
        }

        var stored = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (stored is null)
        {
            return Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        if (stored.Document.EmailKey is not null)
        {
            return Refuse(AccountErrorCodes.AlreadyLinked, "This account has an email already.", "email");
        }

        var emailKey = AccountInputs.EmailKey(request.Email);
        if (await FindAsync("emailKey", emailKey, cancellationToken) is not null)
        {
            return EmailTaken();
        }

        var account = stored.Document;
        account.Email = request.Email.Trim();
        account.EmailKey = emailKey;
        account.PasswordHash = _hasher.Hash(request.Password);
        if (await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            _logger.LogInformation("Guest account {PlayerId} linked to an email", account.PlayerId);
            return new AccountAuthenticated(account.PlayerId, account.Roles, Created: false);
        }

        return await FindAsync("emailKey", emailKey, cancellationToken) is not null
            ? EmailTaken()
            : throw new MassTransit.ConcurrencyException("The account changed while it was being linked.", typeof(PlayerAccount), request.PlayerId);
    }

    internal static AccountRefused Refuse(string code, string message, string? field) => new(code, message, field);

    private static AccountRefused EmailTaken() => Refuse(AccountErrorCodes.EmailTaken, "An account with this email exists.", "email");

    private static AccountRefused? CheckCredentials(string? email, string? password)
    {
        var emailProblem = AccountInputs.EmailProblem(email);
        if (emailProblem is not null)
        {
            return Refuse(AccountErrorCodes.ValidationError, emailProblem, "email");
        }

        var passwordProblem = AccountInputs.PasswordProblem(password);
        return passwordProblem is null ? null : Refuse(AccountErrorCodes.ValidationError, passwordProblem, "password");
    }

    private PlayerAccount NewAccount() => new()
    {
        PlayerId = Guid.NewGuid(),
        Roles = [PlayerRole],
        CreatedAt = _clock.GetUtcNow(),
        FriendCode = NewFriendCode(),
    };

    // A friend code collision (1 in ~10^12 per pair) would look like a taken device or email; retry with a new code.
    // False when another unique value (the device, email or display name) is taken: that is for the caller to answer.
    private async Task<bool> InsertAsync(PlayerAccount account, CancellationToken cancellationToken) =>
        await OptimisticRetry.RunAsync(async ct =>
        {
            if (await _players.InsertAsync(account.PlayerId.ToString("N"), account, ct))
            {
                return true;
            }

            if (await FindAsync("friendCode", account.FriendCode!, ct) is null)
            {
                return false;
            }

            account.FriendCode = NewFriendCode();
            throw new DocumentConflictException("A new account's friend code was taken meanwhile.");
        }, cancellationToken);

    private Task<PlayerAccount?> DisplayNameHolderAsync(string skeleton, CancellationToken cancellationToken) =>
        DisplayNameHolderAsync(_players, skeleton, cancellationToken);

    private Task<Stored<PlayerAccount>?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindAsync("emailKey", AccountInputs.EmailKey(email), cancellationToken);

    private async Task<Stored<PlayerAccount>?> FindAsync(string field, string value, CancellationToken cancellationToken)
    {
        var found = await _players.FindAsync(field, value, 1, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }
}
