using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells a participant the game worker granted their event reward (once per event and player).</summary>
public sealed class EventRewardGrantedNotificationConsumer(NotificationService notifications) : IConsumer<EventRewardGranted>
{
    public async Task Consume(ConsumeContext<EventRewardGranted> context)
    {
        if (NotificationDrafts.RewardGranted(context.Message) is { } draft
            && await notifications.CreateAsync(draft, context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
