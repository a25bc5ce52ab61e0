using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// Registers the nightly backup run with the scheduler worker once the host has started: a recurring schedule
/// (fixed id and group, so every start replaces it instead of adding one) that sends <see cref="RunNightlyBackups"/>
/// to the saves module's queue. Uses the bus's <see cref="IRecurringMessageScheduler"/> when the host registered a
/// message scheduler, else sends the schedule to <c>queue:scheduler</c> directly. Any failure is logged and never
/// stops the host.
/// </summary>
public sealed class NightlyBackupSchedule(IServiceProvider services, IHostApplicationLifetime lifetime, SavesOptions options, ILogger<NightlyBackupSchedule> logger)
    : BackgroundService
{
    public const string ScheduleId = "nightly-backups";
    public const string ScheduleGroup = "saves";
    public static readonly Uri SchedulerAddress = new("queue:scheduler");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.NightlyEnabled)
        {
            logger.LogInformation("Nightly backups are disabled (Saves:Backups:Nightly:Enabled=false)");
            return;
        }

        try
        {
            await WaitForStartAsync(stoppingToken);
            await RegisterAsync(services, options.NightlyCron, stoppingToken);
            logger.LogInformation("Nightly backups scheduled ({Cron}, UTC) as recurring schedule {Group}/{Id}", options.NightlyCron, ScheduleGroup, ScheduleId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the host finished starting.
        }
#pragma warning disable CA1031 // A scheduler that cannot be reached must not take the saves module down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not register the nightly backup schedule; nightly backups will not run until the next start");
        }
    }

    /// <summary>Sends the recurring schedule; exposed so tests and operators can register it on demand.</summary>
    public static async Task RegisterAsync(IServiceProvider services, string cron, CancellationToken cancellationToken)
    {
        var schedule = new NightlySchedule(cron);
        var message = new RunNightlyBackups("nightly");
        var destination = Queues.For<RunNightlyBackups>();
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService<IRecurringMessageScheduler>() is { } scheduler)
        {
            await scheduler.ScheduleRecurringSend(destination, schedule, message, cancellationToken);
            return;
        }

        var endpoint = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(SchedulerAddress);
        await endpoint.ScheduleRecurringSend(destination, schedule, message, cancellationToken);
    }

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>The nightly run's recurring schedule (UTC).</summary>
    public sealed class NightlySchedule : DefaultRecurringSchedule
    {
        public NightlySchedule(string cron)
        {
            ScheduleId = NightlyBackupSchedule.ScheduleId;
            ScheduleGroup = NightlyBackupSchedule.ScheduleGroup;
            CronExpression = cron;
            TimeZoneId = TimeZoneInfo.Utc.Id;
            Description = "Nightly backups of active players, then retention pruning";
        }
    }
}
