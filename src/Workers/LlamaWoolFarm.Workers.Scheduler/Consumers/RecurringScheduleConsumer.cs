using LlamaWoolFarm.Workers.Scheduler.Jobs;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using MassTransit.Scheduling;

namespace LlamaWoolFarm.Workers.Scheduler.Consumers;

/// <summary>Recurring schedules from MassTransit's message scheduler: add or replace, pause, resume, cancel.</summary>
public sealed class RecurringScheduleConsumer(HangfireScheduler scheduler) :
    IConsumer<ScheduleRecurringMessage>,
    IConsumer<CancelScheduledRecurringMessage>,
    IConsumer<PauseScheduledRecurringMessage>,
    IConsumer<ResumeScheduledRecurringMessage>
{
    /// <summary>The Hangfire recurring job id of a MassTransit schedule.</summary>
    public static string Key(string? scheduleGroup, string scheduleId) =>
        string.IsNullOrWhiteSpace(scheduleGroup) ? scheduleId : scheduleGroup + "." + scheduleId;

    public Task Consume(ConsumeContext<ScheduleRecurringMessage> context)
    {
        var message = context.Message;
        var schedule = message.Schedule;
        var delivery = ScheduledDelivery.Capture(context, message.Destination, message.Payload, message.PayloadType, tokenId: null);
        scheduler.ScheduleRecurring(Key(schedule.ScheduleGroup, schedule.ScheduleId), delivery, schedule.CronExpression, schedule.TimeZoneId, schedule.StartTime, schedule.EndTime);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CancelScheduledRecurringMessage> context)
    {
        scheduler.CancelRecurring(Key(context.Message.ScheduleGroup, context.Message.ScheduleId));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<PauseScheduledRecurringMessage> context)
    {
        scheduler.PauseRecurring(Key(context.Message.ScheduleGroup, context.Message.ScheduleId));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ResumeScheduledRecurringMessage> context)
    {
        scheduler.ResumeRecurring(Key(context.Message.ScheduleGroup, context.Message.ScheduleId));
        return Task.CompletedTask;
    }
}
