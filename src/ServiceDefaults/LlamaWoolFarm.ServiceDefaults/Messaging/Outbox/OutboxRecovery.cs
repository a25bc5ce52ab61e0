using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// Delivers, once the bus has started, every command an earlier run recorded and did not see finished: each
/// earlier run's messages are claimed into this run's box a page at a time (so a crash during recovery leaves them
/// to the next start, never lost) and sent; a drained run is removed from the registry.
/// </summary>
public sealed class OutboxRecovery(CommandOutbox outbox, OutboxOptions options, IHostApplicationLifetime lifetime, ILogger<OutboxRecovery> logger) : BackgroundService
{
    private const int MaxInstancesPerPass = 1000;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // ApplicationStarted fires after every hosted service started, the bus included.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        outbox.MarkLive();
        if (options.HoldDelivery)
        {
            return;
        }

        while (true)
        {
            try
            {
                await RecoverAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!e.IsCancellationOf(stoppingToken))
            {
                // The store is unavailable: what is recorded stays recorded; try again shortly.
                logger.LogError(e, "Outbox recovery failed; retrying in {Delay}.", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    /// <summary>Claims and delivers the messages of every other run in the registry; returns how many.</summary>
    internal async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await outbox.EnsureRegisteredAsync(cancellationToken);
        var delivered = 0;
        var instances = await outbox.Instances.FindAsync("kind", OutboxInstance.Instance, MaxInstancesPerPass, cancellationToken);
        foreach (var instance in instances.Where(i => i.Id != outbox.InstanceId))
        {
            var fromInstance = await DrainAsync(instance.Id, cancellationToken);
            await outbox.Instances.DeleteAsync(instance.Id, cancellationToken);
            delivered += fromInstance;
            if (fromInstance > 0)
            {
                logger.LogWarning("Outbox: delivered {Count} accepted commands that run {Instance} recorded and did not see finished.", fromInstance, instance.Id);
            }
        }

        return delivered;
    }

    private async Task<int> DrainAsync(string box, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var page = await outbox.Messages.FindAsync("box", box, options.RecoveryPage, cancellationToken);
            var claimed = 0;
            foreach (var stored in page)
            {
                var message = stored.Document;
                message.Box = outbox.InstanceId;
                // Claimed first: once in this run's box the message leaves the earlier run's list, and a crash before
                // the send leaves it to the next start under this run's name.
                if (!await outbox.Messages.ReplaceAsync(stored.Id, message, stored.Version, cancellationToken))
                {
                    continue;
                }

                claimed++;
                try
                {
                    await outbox.DeliverRecordedAsync(stored.Id, message);
                    delivered++;
                }
                catch (InvalidDataException e)
                {
                    logger.LogError(e, "Outbox message {OutboxId} cannot be read; it is kept for an operator.", stored.Id);
                }
            }

            // A page that was not full held the last of them; one where nothing could be claimed (taken meanwhile) too.
            if (claimed == 0 || page.Count < options.RecoveryPage)
            {
                return delivered;
            }
        }
    }
}
