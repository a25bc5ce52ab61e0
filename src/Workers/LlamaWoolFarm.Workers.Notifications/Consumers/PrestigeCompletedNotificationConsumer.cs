using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells a player what a prestige brought (once per prestige command).</summary>
public sealed class PrestigeCompletedNotificationConsumer(NotificationService notifications) : IConsumer<PrestigeCompleted>
{
    public async Task Consume(ConsumeContext<PrestigeCompleted> context)
    {
        if (await notifications.CreateAsync(NotificationDrafts.Prestige(context.Message), context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
