using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// A change to a player document applied after a mail token was used up: it cannot be left to a message retry (the
/// retried message would find the token used), so a lost race re-reads and applies the change again here, under the one optimistic retry policy.
/// </summary>
internal static class PlayerWrites
{
    /// <summary>
    /// Applies <paramref name="change"/> (false: give up, nothing written) to the current version until it is stored;
    /// null when the account is gone or the change gave up. A write refused without a version change (a unique index)
    /// is answered as given up too.
    /// </summary>
    public static Task<PlayerAccount?> UpdateAsync(IDocumentCollection<PlayerAccount> players, Guid playerId, Func<PlayerAccount, bool> change, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync<PlayerAccount?>(
            async ct =>
            {
                var stored = await players.GetAsync(playerId.ToString("N"), ct);
                if (stored is null || stored.Document.PurgeStarted || !change(stored.Document))
                {
                    return null;
                }

                if (await players.ReplaceAsync(stored.Id, stored.Document, stored.Version, ct))
                {
                    return stored.Document;
                }

                // Refused while the version stayed: a unique index, which no retry can get past.
                var now = await players.GetAsync(playerId.ToString("N"), ct);
                return now is not null && now.Version == stored.Version
                    ? null
                    : throw new DocumentConflictException("The account changed while a mail link was used.");
            },
            cancellationToken).AsTask();
}
