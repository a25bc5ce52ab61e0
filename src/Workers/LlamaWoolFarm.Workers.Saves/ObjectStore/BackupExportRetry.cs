using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Workers.Saves.ObjectStore;

/// <summary>
/// Every <see cref="BackupObjectStoreOptions.RetryInterval"/>, exports the backups an outage of the object store left
/// waiting. Several saves workers may run it at once: an export rewrites the same object, so nothing is doubled.
/// </summary>
public sealed class BackupExportRetry(BackupExports exports, BackupObjectStoreOptions options, ILogger<BackupExportRetry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RetryInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await exports.ExportPendingAsync(stoppingToken);
            }
            catch (Exception e) when (!e.IsCancellationOf(stoppingToken))
            {
                // The primary store itself failing: the next tick tries again.
                logger.LogError(e, "Retrying the export of waiting backups failed");
            }
        }
    }
}
