using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Notifications.Services;

/// <summary>
/// Registers the expiry cleanup with the scheduler worker once the host has started, the way the saves module
/// registers its nightly backups: a recurring schedule with a fixed id and group (every start replaces it) that
/// sends <see cref="CleanupExpiredNotifications"/> to this module's queue. A failure is logged and never stops the host.
/// </summary>
public sealed class NotificationCleanupSchedule(IServiceProvider services, IHostApplicationLifetime lifetime, NotificationsOptions options, ILogger<NotificationCleanupSchedule> logger)
    : BackgroundService
{
    public const string ScheduleId = "expired-notifications";
    public const string ScheduleGroup = "notifications";
    public static readonly Uri SchedulerAddress = new("queue:scheduler");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CleanupEnabled)
        {
            logger.LogInformation("The notification cleanup is disabled (Notifications:Cleanup:Enabled=false)");
            return;
        }

        try
        {
            await WaitForStartAsync(stoppingToken);
            await RegisterAsync(services, options.CleanupCron, stoppingToken);
            logger.LogInformation("Notification cleanup scheduled ({Cron}, UTC) as recurring schedule {Group}/{Id}", options.CleanupCron, ScheduleGroup, ScheduleId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the host finished starting.
        }
#pragma warning disable CA1031 // A scheduler that cannot be reached must not take the notifications module down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not register the notification cleanup schedule; expired notifications stay hidden but stored until the next start");
        }
    }

    /// <summary>Sends the recurring schedule; exposed so tests and operators can register it on demand.</summary>
    public static async Task RegisterAsync(IServiceProvider services, string cron, CancellationToken cancellationToken)
    {
        var schedule = new CleanupSchedule(cron);
        var message = new CleanupExpiredNotifications("scheduled");
        var destination = Queues.For<CleanupExpiredNotifications>();
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

    /// <summary>The cleanup's recurring schedule (UTC).</summary>
    public sealed class CleanupSchedule : DefaultRecurringSchedule
    {
        public CleanupSchedule(string cron)
        {
            ScheduleId = NotificationCleanupSchedule.ScheduleId;
            ScheduleGroup = NotificationCleanupSchedule.ScheduleGroup;
            CronExpression = cron;
            TimeZoneId = TimeZoneInfo.Utc.Id;
            Description = "Delete notifications whose expiry has passed";
        }
    }
}
