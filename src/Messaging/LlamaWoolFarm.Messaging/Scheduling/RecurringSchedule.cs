using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Messaging.Scheduling;

/// <summary>
/// A module's recurring job, registered with the scheduler worker once the host has started: a recurring schedule
/// with a fixed id and group (every start replaces it instead of adding one) that sends <typeparamref name="TMessage"/>
/// to the module's queue. A scheduler that cannot be reached is logged and never stops the host.
/// </summary>
public abstract class RecurringSchedule<TMessage>(IHostApplicationLifetime lifetime, ILogger logger) : BackgroundService
    where TMessage : class
{
    /// <summary>Whether the job is switched on; when off, nothing is registered.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>The Quartz-style cron expression, in UTC.</summary>
    protected abstract string Cron { get; }

    /// <summary>What the job is, for log lines ("nightly backups").</summary>
    protected abstract string Name { get; }

    /// <summary>Registers the schedule (the module's static <c>RegisterAsync</c>).</summary>
    protected abstract Task RegisterAsync(string cron, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a recurring schedule to the scheduler worker: through the bus's <see cref="IRecurringMessageScheduler"/>
    /// when the host registered one, else to the scheduler queue (<c>Messaging:SchedulerQueue</c>, default
    /// <c>queue:scheduler</c>) directly. Modules expose it through their own <c>RegisterAsync</c> for tests and operators.
    /// </summary>
    public static async Task SendAsync(IServiceProvider services, string scheduleId, string scheduleGroup, string description, string cron, TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var schedule = new FixedSchedule(scheduleId, scheduleGroup, description, cron);
        var destination = Queues.For<TMessage>();
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService<IRecurringMessageScheduler>() is { } scheduler)
        {
            await scheduler.ScheduleRecurringSend(destination, schedule, message, cancellationToken);
            return;
        }

        var address = (scope.ServiceProvider.GetService<MessageSchedulerEndpoint>() ?? new MessageSchedulerEndpoint(MessageSchedulerEndpoint.DefaultQueue, true)).Address;
        var endpoint = await scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(address);
        await endpoint.ScheduleRecurringSend(destination, schedule, message, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("The recurring {Job} is switched off by configuration", Name);
            return;
        }

        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(stoppingToken);
            await RegisterAsync(Cron, stoppingToken);
            logger.LogInformation("Recurring {Job} scheduled ({Cron}, UTC)", Name, Cron);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the host finished starting.
        }
#pragma warning disable CA1031 // A scheduler that cannot be reached must not take the module down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not register the recurring {Job}; it will not run until the next start", Name);
        }
    }

    private sealed class FixedSchedule : DefaultRecurringSchedule
    {
        public FixedSchedule(string scheduleId, string scheduleGroup, string description, string cron)
        {
            ScheduleId = scheduleId;
            ScheduleGroup = scheduleGroup;
            CronExpression = cron;
            TimeZoneId = TimeZoneInfo.Utc.Id;
            Description = description;
        }
    }
}
