using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells everyone an event ended (one broadcast per event).</summary>
public sealed class CompetitionEventFinishedNotificationConsumer(NotificationService notifications) : IConsumer<CompetitionEventFinished>
{
    public async Task Consume(ConsumeContext<CompetitionEventFinished> context)
    {
        if (await notifications.CreateAsync(NotificationDrafts.EventEnded(context.Message), context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
