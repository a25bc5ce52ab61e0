using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>Publishes coalesced top-10 changes once their interval has passed.</summary>
public sealed class TopTenFlusher(TopTenUpdates updates, IServiceProvider services, ILogger<TopTenFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TopTenUpdates.MinInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await updates.FlushAsync(services.GetRequiredService<IBus>(), stoppingToken);
            }
            catch (Exception e) when (!e.IsCancellationOf(stoppingToken))
            {
                // A store or broker hiccup delays the push to the next tick; the change stays pending.
                logger.LogWarning(e, "Publishing the coalesced top-10 changes failed");
            }
        }
    }
}
