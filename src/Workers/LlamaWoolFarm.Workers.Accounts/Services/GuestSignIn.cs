using LlamaWoolFarm.Contracts.Accounts;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// A guest signing in on its device: the account found or created, and, when the account had a deletion pending,
/// the deletion called off (the event to publish comes back with it). One place for the consumer of
/// <see cref="RegisterGuest"/> and for a host that calls the module in process.
/// </summary>
public sealed class GuestSignIn(AccountService accounts, AccountDeletionService deletions)
{
    public async Task<(GuestRegistered Guest, AccountDeletionCancelled? Cancelled)> SignInAsync(string deviceId, CancellationToken cancellationToken)
    {
        var (guest, deletionPending) = await accounts.FindOrCreateGuestAsync(deviceId, cancellationToken);
        // The deletion service reads the account again and replaces it over that version; only when the document just
        // read has a deletion pending, not on every sign-in.
        var cancelled = deletionPending ? await deletions.CancelOnSignInAsync(guest.PlayerId, cancellationToken) : null;
        return (guest, cancelled);
    }
}
