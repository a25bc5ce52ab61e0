using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// Turns a player's presence change into the event that tells its friends. The accounts worker owns friendships,
/// so the fan-out list is one document read here, instead of a request from realtime on every connect.
/// </summary>
public sealed class FriendPresence(IDocumentStore store)
{
    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);

    /// <summary>The event for the player's friends, or null when it has none (or no account).</summary>
    public async Task<FriendPresenceChanged?> ForFriendsAsync(Guid playerId, bool online, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(playerId.ToString("N"), cancellationToken);
        return stored is null || stored.Document.Friends.Count == 0
            ? null
            : new FriendPresenceChanged(playerId, stored.Document.DisplayName, online, at, [.. stored.Document.Friends]);
    }
}
