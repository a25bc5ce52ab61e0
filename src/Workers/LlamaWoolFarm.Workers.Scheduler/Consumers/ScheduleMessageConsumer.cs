using LlamaWoolFarm.Workers.Scheduler.Jobs;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using MassTransit.Scheduling;

namespace LlamaWoolFarm.Workers.Scheduler.Consumers;

/// <summary>One-shot schedules from MassTransit's message scheduler: keep the message until due, or drop it on cancel.</summary>
public sealed class ScheduleMessageConsumer(HangfireScheduler scheduler) : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
{
    public Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var message = context.Message;
        var delivery = ScheduledDelivery.Capture(context, message.Destination, message.Payload, message.PayloadType, message.CorrelationId);
        scheduler.Schedule(delivery, new DateTimeOffset(DateTime.SpecifyKind(message.ScheduledTime, DateTimeKind.Utc)));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        scheduler.Cancel(context.Message.TokenId);
        return Task.CompletedTask;
    }
}
