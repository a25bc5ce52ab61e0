using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// A change to a player document applied after a mail token was used up: it cannot be left to a message retry (the
/// retried message would find the token used), so a lost race re-reads and applies the change again here.
/// </summary>
internal static class PlayerWrites
{
    /// <summary>
    /// Applies <paramref name="change"/> (false: give up, nothing written) to the current version until it is stored;
    /// null when the account is gone or the change gave up. A write refused without a version change (a unique index)
    /// is answered as given up too.
    /// </summary>
    public static async Task<PlayerAccount?> UpdateAsync(IDocumentCollection<PlayerAccount> players, Guid playerId, Func<PlayerAccount, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await players.GetAsync(playerId.ToString("N"), cancellationToken);
            if (stored is null || stored.Document.PurgeStarted || !change(stored.Document))
            {
                return null;
            }

            if (await players.ReplaceAsync(stored.Id, stored.Document, stored.Version, cancellationToken))
            {
                return stored.Document;
            }

            var now = await players.GetAsync(playerId.ToString("N"), cancellationToken);
            if (now is not null && now.Version == stored.Version)
            {
                return null;
            }
        }

        throw new MassTransit.ConcurrencyException("The account kept changing while a mail link was used.", typeof(PlayerAccount), playerId);
    }
}
