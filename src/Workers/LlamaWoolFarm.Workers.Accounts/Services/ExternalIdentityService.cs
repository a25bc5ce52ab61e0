using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// Sign-in with OpenID Connect identities the gateway has validated: one identity (issuer + subject) maps to one
/// player, made on first use; a signed-in player links one identity per provider and keeps its player id; unlinking
/// is refused when it would leave the player no way to sign in.
/// </summary>
public sealed class ExternalIdentityService
{
    private readonly IDocumentCollection<ExternalIdentity> _identities;
    private readonly IDocumentCollection<PlayerAccount> _players;
    private readonly IDocumentCollection<AccountTombstone> _tombstones;
    private readonly TimeProvider _clock;
    private readonly ILogger<ExternalIdentityService> _logger;

    public ExternalIdentityService(IDocumentStore store, TimeProvider clock, ILogger<ExternalIdentityService> logger)
    {
        _identities = Identities(store);
        _players = AccountService.Players(store);
        _tombstones = AccountDeletionService.Tombstones(store);
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The identities collection with its index.</summary>
    public static IDocumentCollection<ExternalIdentity> Identities(IDocumentStore store) =>
        store.Collection<ExternalIdentity>("external_identities", new DocumentIndex("playerKey", Unique: false));

    /// <summary>
    /// The document id of an identity: hex SHA-256 of issuer and subject, so any issuer URL and subject (up to the
    /// token's size) fit the store's id and the pair is unique however either is spelled.
    /// </summary>
    public static string IdOf(string issuer, string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer.Length}:{issuer}\n{subject}")));

    /// <summary>
    /// The player of an identity, made on its first use. Two first sign-ins at once end with one player: the identity
    /// is written before its player, and the store takes one insert of its id.
    /// </summary>
    public async Task<AccountAuthenticated> SignInAsync(SignInWithExternalIdentity request, CancellationToken cancellationToken)
    {
        var id = IdOf(request.Issuer, request.Subject);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await _identities.GetAsync(id, cancellationToken);
            if (stored is not null)
            {
                var player = await _players.GetAsync(Key(stored.Document.PlayerId), cancellationToken);
                if (player is { Document.PurgeStarted: false })
                {
                    return new AccountAuthenticated(player.Document.PlayerId, player.Document.Roles, Created: false);
                }

                if (player is null && await _tombstones.GetAsync(Key(stored.Document.PlayerId), cancellationToken) is null)
                {
                    // The identity was written and its player not (a crash between the two inserts): finish it.
                    return await CreatePlayerAsync(stored.Document.PlayerId, cancellationToken);
                }

                // The player was deleted: the identity is free again and starts a new player.
                await _identities.DeleteAsync(id, cancellationToken);
                continue;
            }

            var identity = new ExternalIdentity
            {
                Provider = request.Provider,
                Issuer = request.Issuer,
                Subject = request.Subject,
                PlayerId = Guid.NewGuid(),
                LinkedAt = _clock.GetUtcNow(),
            };
            identity.PlayerKey = Key(identity.PlayerId);
            if (await _identities.InsertAsync(id, identity, cancellationToken))
            {
                _logger.LogInformation("Account {PlayerId} made by a first sign-in with {Provider}", identity.PlayerId, request.Provider);
                return await CreatePlayerAsync(identity.PlayerId, cancellationToken);
            }

            if (attempt > 3)
            {
                throw new MassTransit.ConcurrencyException("An external identity kept changing while signing in.", typeof(ExternalIdentity), identity.PlayerId);
            }
        }
    }

    /// <summary>Links an identity to a signed-in player. Linking the same identity again answers the same.</summary>
    public async Task<object> LinkAsync(LinkExternalIdentity request, CancellationToken cancellationToken)
    {
        var player = await _players.GetAsync(Key(request.PlayerId), cancellationToken);
        if (player is null || player.Document.PurgeStarted)
        {
            return AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        var id = IdOf(request.Issuer, request.Subject);
        var existing = await _identities.GetAsync(id, cancellationToken);
        if (existing is not null)
        {
            return existing.Document.PlayerId == request.PlayerId
                ? new AccountAuthenticated(request.PlayerId, player.Document.Roles, Created: false)
                : AlreadyLinked();
        }

        var mine = await _identities.FindAsync("playerKey", Key(request.PlayerId), 100, cancellationToken);
        if (mine.Any(i => string.Equals(i.Document.Provider, request.Provider, StringComparison.OrdinalIgnoreCase)))
        {
            return AccountService.Refuse(AccountErrorCodes.ProviderAlreadyLinked, "This account is linked to another identity of this provider; unlink it first.", "provider");
        }

        var identity = new ExternalIdentity
        {
            Provider = request.Provider,
            Issuer = request.Issuer,
            Subject = request.Subject,
            PlayerId = request.PlayerId,
            PlayerKey = Key(request.PlayerId),
            LinkedAt = _clock.GetUtcNow(),
        };
        if (!await _identities.InsertAsync(id, identity, cancellationToken))
        {
            // Another player took the identity meanwhile (or this one, in a concurrent link).
            var winner = await _identities.GetAsync(id, cancellationToken);
            return winner?.Document.PlayerId == request.PlayerId
                ? new AccountAuthenticated(request.PlayerId, player.Document.Roles, Created: false)
                : AlreadyLinked();
        }

        _logger.LogInformation("Account {PlayerId} linked to {Provider}", request.PlayerId, request.Provider);
        return new AccountAuthenticated(request.PlayerId, player.Document.Roles, Created: false);
    }

    /// <summary>
    /// Removes the player's identity of a provider, unless it is the last way to sign in: no password, no guest device
    /// and no other identity.
    /// </summary>
    public async Task<object> UnlinkAsync(UnlinkExternalIdentity request, CancellationToken cancellationToken)
    {
        var player = await _players.GetAsync(Key(request.PlayerId), cancellationToken);
        if (player is null || player.Document.PurgeStarted)
        {
            return AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        var mine = await _identities.FindAsync("playerKey", Key(request.PlayerId), 100, cancellationToken);
        var target = mine.FirstOrDefault(i => string.Equals(i.Document.Provider, request.Provider, StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            return AccountService.Refuse(AccountErrorCodes.IdentityNotLinked, "This account is not linked to this provider.", "provider");
        }

        var otherWays = (player.Document.PasswordHash is null ? 0 : 1) + (player.Document.DeviceId is null ? 0 : 1) + (mine.Count - 1);
        if (otherWays == 0)
        {
            return AccountService.Refuse(AccountErrorCodes.LastSignInMethod, "This is the account's only way to sign in; add a password or another provider first.", "provider");
        }

        await _identities.DeleteAsync(target.Id, cancellationToken);
        _logger.LogInformation("Account {PlayerId} unlinked from {Provider}", request.PlayerId, request.Provider);
        return new ExternalIdentityUnlinked(request.PlayerId, target.Document.Provider);
    }

    /// <summary>Removes every identity of a player (the account's purge: the links go with the account); safe to repeat.</summary>
    public static async Task<int> RemoveAllAsync(IDocumentCollection<ExternalIdentity> identities, Guid playerId, CancellationToken cancellationToken)
    {
        var mine = await identities.FindAsync("playerKey", Key(playerId), 100, cancellationToken);
        foreach (var identity in mine)
        {
            await identities.DeleteAsync(identity.Id, cancellationToken);
        }

        return mine.Count;
    }

    private static AccountRefused AlreadyLinked() =>
        AccountService.Refuse(AccountErrorCodes.IdentityAlreadyLinked, "This identity already signs in another player.", "idToken");

    private static string Key(Guid playerId) => playerId.ToString("N");

    private async Task<AccountAuthenticated> CreatePlayerAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var account = new PlayerAccount
        {
            PlayerId = playerId,
            Roles = [AccountService.PlayerRole],
            CreatedAt = _clock.GetUtcNow(),
            FriendCode = AccountService.NewFriendCode(),
        };

        // Only the friend code can collide (no device, email or name yet): a new code is worth another attempt.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await _players.InsertAsync(Key(playerId), account, cancellationToken))
            {
                return new AccountAuthenticated(playerId, account.Roles, Created: true);
            }

            if (await _players.GetAsync(Key(playerId), cancellationToken) is { } made)
            {
                return new AccountAuthenticated(playerId, made.Document.Roles, Created: false);
            }

            account.FriendCode = AccountService.NewFriendCode();
        }

        throw new MassTransit.ConcurrencyException("No free friend code was found for a new account.", typeof(PlayerAccount), playerId);
    }
}
