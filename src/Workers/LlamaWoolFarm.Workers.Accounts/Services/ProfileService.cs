using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Profiles (display names, friend codes) and friendships, which are always mutual.</summary>
public sealed class ProfileService(IDocumentStore store, TimeProvider clock)
{
    /// <summary>The most friends one player may have.</summary>
    public const int MaxFriends = 200;

    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);

    public async Task<object> GetAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await LiveAccountAsync(playerId, cancellationToken);
        return stored is null ? NotFound() : View(stored.Document);
    }

    /// <summary>
    /// Changes the display name; a name that looks like another player's (same confusable skeleton, or the same in
    /// another letter case) is refused.
    /// </summary>
    public async Task<object> UpdateAsync(UpdateProfile request, CancellationToken cancellationToken)
    {
        var (name, problem) = AccountInputs.CleanDisplayName(request.DisplayName);
        if (name is null)
        {
            return AccountService.Refuse(AccountErrorCodes.ValidationError, problem!, "displayName");
        }

        var stored = await LiveAccountAsync(request.PlayerId, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        var key = name.ToLowerInvariant();
        var skeleton = AccountInputs.DisplayNameSkeleton(name);
        var holder = await AccountService.DisplayNameHolderAsync(_players, skeleton, cancellationToken);
        if (holder is not null && holder.PlayerId != request.PlayerId)
        {
            return AccountService.DisplayNameTaken();
        }

        var account = stored.Document;
        account.DisplayName = name;
        account.DisplayNameKey = key;
        account.DisplayNameSkeleton = skeleton;
        if (await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            return View(account);
        }

        holder = await AccountService.DisplayNameHolderAsync(_players, skeleton, cancellationToken);
        return holder is not null && holder.PlayerId != request.PlayerId
            ? AccountService.DisplayNameTaken()
            : throw new MassTransit.ConcurrencyException("The account changed during a profile update.", typeof(PlayerAccount), request.PlayerId);
    }

    public async Task<FriendList> FriendsAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(playerId.ToString("N"), cancellationToken);
        var friends = new List<FriendView>();
        foreach (var id in stored?.Document.Friends ?? [])
        {
            var friend = await _players.GetAsync(id.ToString("N"), cancellationToken);
            if (friend is not null)
            {
                friends.Add(new FriendView(id, friend.Document.DisplayName));
            }
        }

        return new FriendList(playerId, friends);
    }

    /// <summary>
    /// Befriends a player by id or friend code, on both accounts, and answers the friend list (or the refusal) with
    /// the <see cref="FriendAdded"/> event to publish when the friendship is new. Adding a friend twice changes nothing.
    /// </summary>
    public async Task<(object Answer, FriendAdded? Added)> AddAsync(AddFriend request, CancellationToken cancellationToken)
    {
        Stored<PlayerAccount>? other = null;
        if (request.FriendId is { } friendId)
        {
            other = await _players.GetAsync(friendId.ToString("N"), cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(request.FriendCode) && request.FriendCode.Length <= 16)
        {
            var found = await _players.FindAsync("friendCode", request.FriendCode.Trim().ToUpperInvariant(), 1, cancellationToken);
            other = found.Count == 0 ? null : found[0];
        }

        if (other is null || other.Document.PlayerId == request.PlayerId || other.Document.PurgeStarted)
        {
            return (AccountService.Refuse(AccountErrorCodes.FriendNotFound, "There is no other player with this id or friend code.", request.FriendId is null ? "friendCode" : "friendId"), null);
        }

        var self = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (self is null)
        {
            return (NotFound(), null);
        }

        if (!self.Document.Friends.Contains(other.Document.PlayerId) && self.Document.Friends.Count >= MaxFriends)
        {
            return (AccountService.Refuse(AccountErrorCodes.ValidationError, $"A player has at most {MaxFriends} friends.", "friendId"), null);
        }

        var added = await LinkAsync(self, other.Document.PlayerId, add: true, cancellationToken);
        await LinkAsync(other, request.PlayerId, add: true, cancellationToken);
        var list = await FriendsAsync(request.PlayerId, cancellationToken);
        return (list, added ? new FriendAdded(request.PlayerId, other.Document.PlayerId, self.Document.DisplayName, clock.GetUtcNow()) : null);
    }

    public async Task<FriendList> RemoveAsync(RemoveFriend request, CancellationToken cancellationToken)
    {
        var self = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        var other = await _players.GetAsync(request.FriendId.ToString("N"), cancellationToken);
        if (self is not null)
        {
            await LinkAsync(self, request.FriendId, add: false, cancellationToken);
        }

        if (other is not null)
        {
            await LinkAsync(other, request.PlayerId, add: false, cancellationToken);
        }

        return await FriendsAsync(request.PlayerId, cancellationToken);
    }

    /// <summary>
    /// Adds or removes one friend id on one account; false when there was nothing to change. A conflicting write is
    /// retried by the receive policy.
    /// </summary>
    private async Task<bool> LinkAsync(Stored<PlayerAccount> stored, Guid friendId, bool add, CancellationToken cancellationToken)
    {
        var account = stored.Document;
        var has = account.Friends.Contains(friendId);
        if (has == add)
        {
            return false;
        }

        if (add)
        {
            account.Friends.Add(friendId);
        }
        else
        {
            account.Friends.Remove(friendId);
        }

        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new MassTransit.ConcurrencyException("An account changed during a friendship change.", typeof(PlayerAccount), account.PlayerId);
        }

        return true;
    }

    private async Task<Stored<PlayerAccount>?> LiveAccountAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(playerId.ToString("N"), cancellationToken);
        // An account whose purge began is gone for every purpose; it only waits to be removed.
        return stored is null || stored.Document.PurgeStarted ? null : stored;
    }

    private static PlayerProfile View(PlayerAccount a) =>
        new(a.PlayerId, a.DisplayName, a.Email, a.FriendCode!, a.Roles, a.EmailKey is null, a.TotpSecret is not null, a.CreatedAt);

    private static AccountRefused NotFound() => AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
}
