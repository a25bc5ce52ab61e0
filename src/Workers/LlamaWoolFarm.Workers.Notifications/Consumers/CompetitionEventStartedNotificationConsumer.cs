using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells everyone an event began (one broadcast per event).</summary>
public sealed class CompetitionEventStartedNotificationConsumer(NotificationService notifications) : IConsumer<CompetitionEventStarted>
{
    public async Task Consume(ConsumeContext<CompetitionEventStarted> context)
    {
        if (await notifications.CreateAsync(NotificationDrafts.EventStarted(context.Message), context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
