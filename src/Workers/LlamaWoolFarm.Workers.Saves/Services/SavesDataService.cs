using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// The saves module's parts of a player's data as a whole: <c>saves</c> (head, revision history, activity marks,
/// refused uploads) and <c>backups</c>, each exported as stored or purged.
/// </summary>
public sealed class SavesDataService(SaveRepository repository, BackupService backups, SavesOptions options, TimeProvider clock)
{
    private const int Batch = 500;

    /// <summary>Deletes the head, every revision, the activity marks the nightly run could still read, and the refused uploads.</summary>
    public async Task<long> PurgeSavesAsync(Guid playerId, CancellationToken cancellationToken)
    {
        long removed = await repository.Heads.DeleteAsync(SaveRepository.Key(playerId), cancellationToken) ? 1 : 0;
        removed += await DeleteAllAsync(repository.Revisions, playerId, cancellationToken);
        removed += await DeleteAllAsync(repository.Rejections, playerId, cancellationToken);
        // Marks are keyed by day; the nightly run reads back this many days, so older ones are never used.
        var today = clock.GetUtcNow();
        for (var back = 0; back <= options.NightlyLookBackDays + 1; back++)
        {
            removed += await repository.Activity.DeleteAsync(SaveRepository.ActivityKey(playerId, SaveRepository.Day(today.AddDays(-back))), cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>
    /// Deletes every backup of the player, in the bucket first: while the bucket is unreachable this throws before the
    /// primary store is touched, and the purge message is retried (a part is reported purged only when it all is).
    /// </summary>
    public async Task<long> PurgeBackupsAsync(Guid playerId, CancellationToken cancellationToken) =>
        await backups.PurgeObjectsAsync(playerId, cancellationToken) + await DeleteAllAsync(repository.Backups, playerId, cancellationToken);

    /// <summary>The head, every kept revision (with its save) and the refused uploads, as JSON.</summary>
    public async Task<string> ExportSavesAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var head = await repository.Heads.GetAsync(SaveRepository.Key(playerId), cancellationToken);
        var revisions = await repository.Revisions.FindAsync("playerId", playerId.ToString(), options.HistoryKeep + 1, cancellationToken);
        var rejections = await repository.Rejections.FindAsync("playerId", playerId.ToString(), 10_000, cancellationToken);
        return JsonSerializer.Serialize(
            new
            {
                head = head?.Document,
                revisions = revisions.Select(r => r.Document).Select(r => new { r.Revision, r.BaseRevision, r.Source, r.CommandId, r.RestoredFromBackupId, r.Checksum, r.Save, r.CreatedAt }),
                rejections = rejections.Select(r => r.Document),
            },
            DocumentJson.Options);
    }

    /// <summary>The list of the player's backups, as JSON.</summary>
    public async Task<string> ExportBackupsAsync(Guid playerId, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(await backups.ListAsync(playerId, cancellationToken), DocumentJson.Options);

    private static async Task<long> DeleteAllAsync<T>(IDocumentCollection<T> collection, Guid playerId, CancellationToken cancellationToken)
        where T : class
    {
        long removed = 0;
        while (await collection.FindAsync("playerId", playerId.ToString(), Batch, cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var document in batch)
            {
                removed += await collection.DeleteAsync(document.Id, cancellationToken) ? 1 : 0;
            }
        }

        return removed;
    }
}
