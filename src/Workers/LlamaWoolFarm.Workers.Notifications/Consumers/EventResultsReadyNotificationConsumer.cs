using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells a participant who won Golden Fleece about the reward (once per event and player).</summary>
public sealed class EventResultsReadyNotificationConsumer(NotificationService notifications, TimeProvider clock) : IConsumer<EventResultsReady>
{
    public async Task Consume(ConsumeContext<EventResultsReady> context)
    {
        if (NotificationDrafts.RewardGranted(context.Message, clock.GetUtcNow()) is { } draft
            && await notifications.CreateAsync(draft, context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
