using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// Loads the running events when the worker starts and reloads them periodically: a start or finish message is
/// consumed by one replica of the game worker, and the others learn it from the store.
/// </summary>
public sealed partial class RunningEventEffectsRefresh(RunningEventEffects effects, ILogger<RunningEventEffectsRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RunningEventEffects.RefreshEvery);
        do
        {
            try
            {
                await effects.ReloadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store that does not answer now keeps the last timeline; the next tick tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogReloadFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the running events; the effects known so far stay in force")]
    private partial void LogReloadFailed(Exception exception);
}
