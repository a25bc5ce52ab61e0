using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Answers a player's newest notifications with their read state.</summary>
public sealed class GetNotificationsConsumer(NotificationService notifications) : IConsumer<GetNotifications>
{
    public async Task Consume(ConsumeContext<GetNotifications> context) =>
        await context.RespondAsync(await notifications.ListAsync(context.Message, context.CancellationToken));
}
