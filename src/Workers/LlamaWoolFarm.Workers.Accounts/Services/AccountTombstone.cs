namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// What is left of a deleted account (collection <c>account_tombstones</c>, id = player): the player id and when,
/// so sign-ins, token refreshes and backup restores refuse the player for good. Holds no personal data; the friends
/// to unlink are kept only until the friendships part of the purge has run.
/// </summary>
public sealed class AccountTombstone
{
    public Guid PlayerId { get; set; }

    public Guid DeletionId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset PurgeStartedAt { get; set; }

    public List<Guid> FriendsToUnlink { get; set; } = [];
}
