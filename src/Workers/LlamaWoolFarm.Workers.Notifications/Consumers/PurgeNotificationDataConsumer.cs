using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>The notifications module's part of a purge: the deleted player's notifications and read state.</summary>
public sealed class PurgeNotificationDataConsumer(NotificationService notifications, TimeProvider clock) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Notifications)
        {
            var removed = await notifications.PurgeAsync(m.PlayerId, context.CancellationToken);
            await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, removed, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
