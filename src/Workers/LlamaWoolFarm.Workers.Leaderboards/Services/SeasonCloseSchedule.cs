using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Registers the season close with the scheduler worker once the host has started: a recurring schedule (fixed id and
/// group, so every start replaces it) that sends <see cref="CloseLeaderboardSeasons"/> to this module's queue. The
/// stored message keeps the time it was registered, so the consumer closes by its own clock. A failure is logged and
/// never stops the host.
/// </summary>
public sealed partial class SeasonCloseSchedule(IServiceProvider services, IHostApplicationLifetime lifetime, SeasonCloseOptions options, ILogger<SeasonCloseSchedule> logger)
    : BackgroundService
{
    public const string ScheduleId = "close-seasons";
    public const string ScheduleGroup = "leaderboards";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            LogDisabled();
            return;
        }

        try
        {
            await WaitForStartAsync(stoppingToken);
            await RegisterAsync(services, options.Cron, stoppingToken);
            LogScheduled(options.Cron, ScheduleGroup, ScheduleId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the host finished starting.
        }
#pragma warning disable CA1031 // A scheduler that cannot be reached must not take the leaderboards module down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e);
        }
    }

    /// <summary>
    /// Sends the recurring schedule to the scheduler worker (the bus's recurring scheduler when the host registered
    /// one, else <c>Messaging:SchedulerQueue</c>); exposed so tests and operators can register it on demand.
    /// </summary>
    public static async Task RegisterAsync(IServiceProvider services, string cron, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var schedule = new CloseSeasonsSchedule(cron);
        var message = new CloseLeaderboardSeasons(Guid.Empty, DateTimeOffset.MinValue);
        var destination = Queues.For<CloseLeaderboardSeasons>();
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

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The recurring season close is disabled (Leaderboards:SeasonClose:Enabled=false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Season close scheduled ({Cron}, UTC) as recurring schedule {Group}/{Id}")]
    private partial void LogScheduled(string cron, string group, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the season close schedule; seasons will not close by themselves until the next start")]
    private partial void LogFailed(Exception exception);

    /// <summary>The season close's recurring schedule (UTC).</summary>
    public sealed class CloseSeasonsSchedule : DefaultRecurringSchedule
    {
        public CloseSeasonsSchedule(string cron)
        {
            ScheduleId = SeasonCloseSchedule.ScheduleId;
            ScheduleGroup = SeasonCloseSchedule.ScheduleGroup;
            CronExpression = cron;
            TimeZoneId = TimeZoneInfo.Utc.Id;
            Description = "Close and archive the weekly and monthly leaderboard seasons that have ended";
        }
    }
}
