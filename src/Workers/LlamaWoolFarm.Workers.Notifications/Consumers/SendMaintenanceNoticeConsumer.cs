using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Broadcasts an admin's maintenance notice once per command; a repeat answers the notice already made.</summary>
public sealed class SendMaintenanceNoticeConsumer(NotificationService notifications, TimeProvider clock) : IConsumer<SendMaintenanceNotice>
{
    public async Task Consume(ConsumeContext<SendMaintenanceNotice> context)
    {
        var draft = NotificationDrafts.Maintenance(context.Message, clock.GetUtcNow());
        var created = await notifications.CreateAsync(draft, context.CancellationToken);
        if (created is not null)
        {
            await context.Publish(created, context.CancellationToken);
        }

        var view = created?.Notification ?? await notifications.FindAsync(draft.NotificationId, context.CancellationToken)
            ?? throw new ConcurrencyException("The maintenance notice vanished after it was stored.", typeof(NotificationView), draft.NotificationId);
        if (context.RequestId.HasValue)
        {
            await context.RespondAsync(new MaintenanceNoticeSent(context.Message.CommandId, view, Replayed: created is null));
        }
    }
}
