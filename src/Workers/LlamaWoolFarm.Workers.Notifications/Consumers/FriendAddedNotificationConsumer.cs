using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells a player someone befriended them.</summary>
public sealed class FriendAddedNotificationConsumer(NotificationService notifications) : IConsumer<FriendAdded>
{
    public async Task Consume(ConsumeContext<FriendAdded> context)
    {
        if (await notifications.CreateAsync(NotificationDrafts.FriendAdded(context.Message), context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
