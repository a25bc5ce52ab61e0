using Hangfire;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Scheduler.Jobs;

/// <summary>
/// The Hangfire job: sends a stored message to its destination when due. Hangfire runs a job again when its worker
/// died mid-run, so delivery is at least once; the schedule's record makes a cancelled or superseded job send nothing.
/// </summary>
public sealed partial class ScheduledSendJob(IBus bus, HangfireScheduler scheduler, ILogger<ScheduledSendJob> logger)
{
    /// <summary>A one-shot schedule.</summary>
    [AutomaticRetry(Attempts = 10)]
    public async Task SendAsync(ScheduledDelivery delivery, CancellationToken cancellationToken)
    {
        if (!scheduler.IsCurrent(delivery))
        {
            LogSkipped(delivery.TokenId);
            return;
        }

        await SendToDestinationAsync(delivery, freshMessageId: false, cancellationToken);
        scheduler.Complete(delivery);
    }

    /// <summary>One occurrence of a recurring schedule.</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SendRecurringAsync(string scheduleKey, ScheduledDelivery delivery, DateTimeOffset? startTime, DateTimeOffset? endTime, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (!scheduler.IsRecurringActive(scheduleKey) || (startTime is { } start && now < start) || (endTime is { } end && now > end))
        {
            LogSkipped(scheduleKey);
            return;
        }

        await SendToDestinationAsync(delivery, freshMessageId: true, cancellationToken);
    }

    private async Task SendToDestinationAsync(ScheduledDelivery delivery, bool freshMessageId, CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri(delivery.Destination));
        await endpoint.Send(new ScheduledPlaceholder(), new ScheduledSendPipe(delivery, freshMessageId), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled message {Schedule} was cancelled or rescheduled; nothing sent.")]
    private partial void LogSkipped(string? schedule);

    // The pipe replaces the serializer, so the object sent only carries the send through the pipeline.
    private sealed class ScheduledPlaceholder;
}
