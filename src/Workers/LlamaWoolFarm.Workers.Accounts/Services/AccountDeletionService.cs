using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// The accounts side of deleting an account: the request (a grace period recorded on the account), its
/// cancellation by signing in, the start of the purge (the tombstone), the friendships part of the purge, and the
/// account status the gateway and the saves worker ask for. The account document decides every race: a sign-in
/// and the start of the purge both write it with optimistic versions, and only one of them wins.
/// </summary>
public sealed class AccountDeletionService
{
    public const string SignIn = "sign_in";
    public const string NotPending = "not_pending";

    private readonly IDocumentCollection<PlayerAccount> _players;
    private readonly IDocumentCollection<AccountTombstone> _tombstones;
    private readonly IDocumentCollection<ExternalIdentity> _identities;
    private readonly AccountDeletionOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AccountDeletionService> _logger;

    public AccountDeletionService(IDocumentStore store, AccountDeletionOptions options, TimeProvider clock, ILogger<AccountDeletionService> logger)
    {
        _players = AccountService.Players(store);
        _tombstones = Tombstones(store);
        _identities = ExternalIdentityService.Identities(store);
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The tombstones collection.</summary>
    public static IDocumentCollection<AccountTombstone> Tombstones(IDocumentStore store) => store.Collection<AccountTombstone>("account_tombstones");

    /// <summary>
    /// Schedules the deletion: the answer, and the event that starts (or, on a repeat, re-announces) the saga.
    /// A repeat during the grace period answers the first schedule.
    /// </summary>
    public async Task<(object Answer, AccountDeletionRequested? Requested)> RequestAsync(RequestAccountDeletion request, CancellationToken cancellationToken)
    {
        if (await _tombstones.GetAsync(Key(request.PlayerId), cancellationToken) is not null)
        {
            return (Deleted(), null);
        }

        var stored = await _players.GetAsync(Key(request.PlayerId), cancellationToken);
        if (stored is null || stored.Document.PurgeStarted)
        {
            return (stored is null ? AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null) : Deleted(), null);
        }

        var account = stored.Document;
        if (account.DeletionId is { } pending)
        {
            return (new AccountDeletionScheduled(account.PlayerId, pending, account.DeletionRequestedAt!.Value, account.DeletionPurgeAt!.Value, Replayed: true),
                new AccountDeletionRequested(account.PlayerId, pending, account.DeletionRequestedAt.Value, account.DeletionPurgeAt.Value));
        }

        var now = _clock.GetUtcNow();
        account.DeletionId = NewId.NextGuid();
        account.DeletionRequestedAt = now;
        account.DeletionPurgeAt = now + _options.DeletionGracePeriod;
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new ConcurrencyException("The account changed while its deletion was requested.", typeof(PlayerAccount), request.PlayerId);
        }

        _logger.LogInformation("Account {PlayerId}: deletion {DeletionId} requested, purge at {PurgeAt}", account.PlayerId, account.DeletionId, account.DeletionPurgeAt);
        return (new AccountDeletionScheduled(account.PlayerId, account.DeletionId.Value, now, account.DeletionPurgeAt.Value, Replayed: false),
            new AccountDeletionRequested(account.PlayerId, account.DeletionId.Value, now, account.DeletionPurgeAt.Value));
    }

    /// <summary>A sign-in calls off a pending deletion; returns the event to publish, or null when none was pending.</summary>
    public async Task<AccountDeletionCancelled?> CancelOnSignInAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(Key(playerId), cancellationToken);
        if (stored?.Document is not { DeletionId: { } deletionId, PurgeStarted: false } account)
        {
            return null;
        }

        account.DeletionId = null;
        account.DeletionRequestedAt = null;
        account.DeletionPurgeAt = null;
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new ConcurrencyException("The account changed while a sign-in cancelled its deletion.", typeof(PlayerAccount), playerId);
        }

        _logger.LogInformation("Account {PlayerId}: deletion {DeletionId} cancelled by signing in", playerId, deletionId);
        return new AccountDeletionCancelled(playerId, deletionId, SignIn, _clock.GetUtcNow());
    }

    /// <summary>
    /// The grace period is over: when the deletion is still the pending one, mark the account, write the tombstone and
    /// remove the account (freeing its device, email, name and friend code), answering <see cref="AccountPurgeStarted"/>;
    /// otherwise <see cref="AccountDeletionCancelled"/>. Each step is safe to repeat after a crash.
    /// </summary>
    public async Task<object> BeginPurgeAsync(BeginAccountPurge command, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var tombstone = await _tombstones.GetAsync(Key(command.PlayerId), cancellationToken);
        var stored = await _players.GetAsync(Key(command.PlayerId), cancellationToken);
        if (stored is null)
        {
            return tombstone is not null
                ? new AccountPurgeStarted(command.PlayerId, command.DeletionId, tombstone.Document.PurgeStartedAt)
                : new AccountDeletionCancelled(command.PlayerId, command.DeletionId, NotPending, now);
        }

        var account = stored.Document;
        if (account.DeletionId != command.DeletionId)
        {
            return new AccountDeletionCancelled(command.PlayerId, command.DeletionId, NotPending, now);
        }

        if (!account.PurgeStarted)
        {
            var friends = account.Friends.ToList();
            // Marked first, with the version read: a sign-in that wrote meanwhile makes this throw and run again.
            var marked = new PlayerAccount
            {
                PlayerId = account.PlayerId,
                Roles = [],
                CreatedAt = account.CreatedAt,
                Friends = friends,
                DeletionId = account.DeletionId,
                DeletionRequestedAt = account.DeletionRequestedAt,
                DeletionPurgeAt = account.DeletionPurgeAt,
                PurgeStarted = true,
            };
            if (!await _players.ReplaceAsync(stored.Id, marked, stored.Version, cancellationToken))
            {
                throw new ConcurrencyException("The account changed while its purge began.", typeof(PlayerAccount), command.PlayerId);
            }

            account = marked;
        }

        await _tombstones.InsertAsync(
            Key(command.PlayerId),
            new AccountTombstone
            {
                PlayerId = command.PlayerId,
                DeletionId = command.DeletionId,
                RequestedAt = account.DeletionRequestedAt ?? now,
                PurgeStartedAt = now,
                FriendsToUnlink = account.Friends,
            },
            cancellationToken);
        // Its OpenID Connect identities go with it (they name the player at the provider); signing in with one again
        // makes a new player.
        await ExternalIdentityService.RemoveAllAsync(_identities, command.PlayerId, cancellationToken);
        await _players.DeleteAsync(stored.Id, cancellationToken);
        _logger.LogInformation("Account {PlayerId}: purge of deletion {DeletionId} started; the tombstone is written", command.PlayerId, command.DeletionId);
        var written = await _tombstones.GetAsync(Key(command.PlayerId), cancellationToken);
        return new AccountPurgeStarted(command.PlayerId, command.DeletionId, written?.Document.PurgeStartedAt ?? now);
    }

    /// <summary>Removes the deleted player from every friend's list; returns how many lists changed.</summary>
    public async Task<long> PurgeFriendshipsAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var tombstone = await _tombstones.GetAsync(Key(playerId), cancellationToken);
        if (tombstone is null)
        {
            // No tombstone means the purge never began for this player: there is nothing to take apart.
            return 0;
        }

        long changed = 0;
        foreach (var friendId in tombstone.Document.FriendsToUnlink)
        {
            var friend = await _players.GetAsync(Key(friendId), cancellationToken);
            if (friend is not null && friend.Document.Friends.Remove(playerId))
            {
                if (!await _players.ReplaceAsync(friend.Id, friend.Document, friend.Version, cancellationToken))
                {
                    throw new ConcurrencyException("A friend's account changed while the deleted player was unlinked.", typeof(PlayerAccount), friendId);
                }

                changed++;
            }
        }

        if (tombstone.Document.FriendsToUnlink.Count > 0)
        {
            tombstone.Document.FriendsToUnlink = [];
            if (!await _tombstones.ReplaceAsync(tombstone.Id, tombstone.Document, tombstone.Version, cancellationToken))
            {
                throw new ConcurrencyException("The tombstone changed while friendships were purged.", typeof(AccountTombstone), playerId);
            }
        }

        return changed;
    }

    /// <summary>Whether the player may use the account: active, deletion pending (until when), deleted or unknown.</summary>
    public async Task<AccountStatus> StatusAsync(Guid playerId, CancellationToken cancellationToken)
    {
        if (await _tombstones.GetAsync(Key(playerId), cancellationToken) is not null)
        {
            return new AccountStatus(playerId, AccountStatuses.Deleted, null);
        }

        var account = (await _players.GetAsync(Key(playerId), cancellationToken))?.Document;
        return account switch
        {
            null => new AccountStatus(playerId, AccountStatuses.Unknown, null),
            { PurgeStarted: true } => new AccountStatus(playerId, AccountStatuses.Deleted, null),
            { DeletionId: not null } => new AccountStatus(playerId, AccountStatuses.DeletionPending, account.DeletionPurgeAt),
            _ => new AccountStatus(playerId, AccountStatuses.Active, null),
        };
    }

    private static string Key(Guid id) => id.ToString("N");

    private static AccountRefused Deleted() => AccountService.Refuse(AccountErrorCodes.AccountDeleted, "This account has been deleted.", null);
}
