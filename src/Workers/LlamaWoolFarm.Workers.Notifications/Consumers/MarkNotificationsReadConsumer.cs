using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Marks notifications read and answers how many changed.</summary>
public sealed class MarkNotificationsReadConsumer(NotificationService notifications) : IConsumer<MarkNotificationsRead>
{
    public async Task Consume(ConsumeContext<MarkNotificationsRead> context)
    {
        var marked = await notifications.MarkReadAsync(context.Message, context.CancellationToken);
        if (context.RequestId.HasValue)
        {
            await context.RespondAsync(marked);
        }
    }
}
