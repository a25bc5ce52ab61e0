using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Realtime.Presence;

/// <summary>
/// Every replica sweeps for leases that ran out (a crashed replica's connections, silent clients); the store hands
/// each expired player to one sweep only, so running it everywhere needs no leader and survives any replica's loss.
/// </summary>
public sealed class PresenceSweeper(PresenceTracker tracker, PresenceOptions options, TimeProvider clock, ILogger<PresenceSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var gone = await tracker.SweepAsync(stoppingToken);
                    if (gone > 0)
                    {
                        logger.LogInformation("Presence sweep: {Count} players went offline without a disconnect", gone);
                    }
                }
                catch (Exception e) when (!e.IsCancellationOf(stoppingToken))
                {
                    // A store or broker outage must not end the sweeps: the next tick tries again.
                    logger.LogWarning(e, "Presence sweep failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
