using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Saves.Services;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Saves.ObjectStore;

/// <summary>
/// Exports backups to the object store without ever failing or doubling one. Before a backup is written to the primary
/// store, a marker "not yet exported" is (collection <c>save_backup_exports</c>, id = backup id); the marker is
/// removed only once the object is in the bucket. A store outage leaves the marker, and the next try (the retry loop
/// <see cref="BackupExportRetry"/>, the next nightly run) picks it up. The object's key is the backup id, so a repeated
/// export rewrites the same object. A marker whose backup is gone (retention, a purge) is dropped.
/// </summary>
public sealed class BackupExports(IDocumentStore documents, SaveRepository repository, BackupObjectStore store, TimeProvider clock, ILogger<BackupExports> logger)
{
    private const int Page = 200;

    private readonly IDocumentCollection<PendingExport> _pending = documents.Collection<PendingExport>("save_backup_exports");

    /// <summary>Marks the backup as not yet exported (before it is written, so no crash can leave it unmarked).</summary>
    public Task QueueAsync(Guid backupId, Guid playerId, CancellationToken cancellationToken) =>
        _pending.InsertAsync(SaveRepository.Key(backupId), new PendingExport { BackupId = backupId, PlayerId = playerId, QueuedAt = clock.GetUtcNow() }, cancellationToken);

    /// <summary>Exports one marked backup; false (marker kept) when the store cannot be reached.</summary>
    public async Task<bool> ExportAsync(Guid backupId, CancellationToken cancellationToken)
    {
        var key = SaveRepository.Key(backupId);
        var backup = await repository.Backups.GetAsync(key, cancellationToken);
        if (backup is not null)
        {
            try
            {
                await store.PutAsync(backup.Document, cancellationToken);
            }
            catch (BackupObjectStoreUnavailableException e)
            {
                logger.LogWarning(e, "Backup {BackupId} was kept in the primary store but not exported yet; it is retried", backupId);
                return false;
            }
        }

        await _pending.DeleteAsync(key, cancellationToken);
        return true;
    }

    /// <summary>Tries every marked backup once, oldest id first; stops at the first outage (the rest would fail too). Answers how many were exported.</summary>
    public async Task<int> ExportPendingAsync(CancellationToken cancellationToken)
    {
        var exported = 0;
        var after = string.Empty;
        while (await _pending.ListAsync(after, Page, cancellationToken) is { Count: > 0 } page)
        {
            foreach (var marker in page)
            {
                if (!await ExportAsync(marker.Document.BackupId, cancellationToken))
                {
                    return exported;
                }

                exported++;
            }

            after = page[^1].Id;
        }

        if (exported > 0)
        {
            logger.LogInformation("Exported {Count} backups that were waiting for the object store", exported);
        }

        return exported;
    }

    /// <summary>How many backups wait for export (tests; operators read the collection <c>save_backup_exports</c>).</summary>
    public async Task<int> PendingCountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var after = string.Empty;
        while (await _pending.ListAsync(after, Page, cancellationToken) is { Count: > 0 } page)
        {
            count += page.Count;
            after = page[^1].Id;
        }

        return count;
    }
}

/// <summary>A backup kept in the primary store and not yet in the bucket (collection <c>save_backup_exports</c>).</summary>
public sealed class PendingExport
{
    public Guid BackupId { get; set; }

    public Guid PlayerId { get; set; }

    public DateTimeOffset QueuedAt { get; set; }
}
