using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Creates and finds player accounts.</summary>
public sealed class AccountService
{
    /// <summary>The role every account has.</summary>
    public const string PlayerRole = "player";

    private readonly IDocumentCollection<PlayerAccount> _players;
    private readonly TimeProvider _clock;

    public AccountService(IDocumentStore store, TimeProvider clock)
    {
        _players = store.Collection<PlayerAccount>("players", new DocumentIndex("deviceId", Unique: true));
        _clock = clock;
    }

    /// <summary>
    /// The guest account of a device, created on first sight. The unique device index makes concurrent first
    /// requests from one device end with one account.
    /// </summary>
    public async Task<GuestRegistered> RegisterGuestAsync(string deviceId, CancellationToken cancellationToken)
    {
        var existing = await FindByDeviceAsync(deviceId, cancellationToken);
        if (existing is not null)
        {
            return new GuestRegistered(existing.PlayerId, deviceId, existing.Roles, Created: false);
        }

        var account = new PlayerAccount
        {
            PlayerId = Guid.NewGuid(),
            DeviceId = deviceId,
            Roles = [PlayerRole],
            CreatedAt = _clock.GetUtcNow(),
        };
        if (await _players.InsertAsync(account.PlayerId.ToString("N"), account, cancellationToken))
        {
            return new GuestRegistered(account.PlayerId, deviceId, account.Roles, Created: true);
        }

        var winner = await FindByDeviceAsync(deviceId, cancellationToken)
            ?? throw new InvalidOperationException("A guest account insert collided but no account holds the device.");
        return new GuestRegistered(winner.PlayerId, deviceId, winner.Roles, Created: false);
    }

    private async Task<PlayerAccount?> FindByDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        var found = await _players.FindAsync("deviceId", deviceId, 1, cancellationToken);
        return found.Count == 0 ? null : found[0].Document;
    }
}
