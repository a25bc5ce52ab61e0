using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// Publishes <see cref="CommandBacklogReported"/> every half second: the game command queues' waiting depth, the
/// commands this worker holds and its recent apply rate, so every gateway can shed new commands before the backlog
/// outgrows <c>Backpressure:MaxBacklogSeconds</c>. An idle worker (nothing waiting, held or recently applied) says
/// so once and then stays quiet. Off in hosts without a queue depth source (test harnesses).
/// </summary>
public sealed class CommandBacklogReporter(IServiceProvider services, CommandFlow flow, TimeProvider clock, ILogger<CommandBacklogReporter> logger) : BackgroundService
{
    /// <summary>The queues of the commands the gateway accepts with 202.</summary>
    public static readonly IReadOnlyList<string> CommandQueues =
    [
        Queues.Name<SubmitClicks>(),
        Queues.Name<PurchaseBuilding>(),
        Queues.Name<PurchaseUpgrade>(),
        Queues.Name<PerformPrestige>(),
        Queues.Name<ClaimOfflineProgress>(),
    ];

    private readonly Guid _workerId = NewId.NextGuid();
    private bool _idleReported;

    /// <summary>Reads the backlog once and publishes it unless the worker stays idle (the loop calls it; tests may too).</summary>
    public async Task ReportAsync(ICommandQueueDepth depth, IBus bus, CancellationToken cancellationToken)
    {
        var waiting = await depth.WaitingAsync(CommandQueues, cancellationToken);
        if (waiting is null)
        {
            return;
        }

        var report = new CommandBacklogReported(_workerId, waiting.Value, flow.InFlight, flow.AppliedPerSecond(), clock.GetUtcNow());
        var idle = report is { Waiting: 0, InFlight: 0, AppliedPerSecond: 0 };
        if (idle && _idleReported)
        {
            return;
        }

        await bus.Publish(report, cancellationToken);
        _idleReported = idle;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<ICommandQueueDepth>() is not { } depth)
        {
            return;
        }

        var bus = services.GetRequiredService<IBus>();
        using var timer = new PeriodicTimer(CommandFlow.Bucket);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReportAsync(depth, bus, stoppingToken);
            }
            catch (Exception e) when (!e.IsCancellationOf(stoppingToken) && e is not OutOfMemoryException)
            {
                // A lost report is replaced by the next one; gateways forget a worker whose reports stop.
                logger.LogDebug(e, "The command backlog report could not be published.");
            }
        }
    }
}
