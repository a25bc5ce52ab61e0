using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>The recurring job the scheduler sends: delete expired notifications.</summary>
public sealed class CleanupExpiredNotificationsConsumer(NotificationService notifications) : IConsumer<CleanupExpiredNotifications>
{
    public Task Consume(ConsumeContext<CleanupExpiredNotifications> context) => notifications.CleanupAsync(context.CancellationToken);
}
