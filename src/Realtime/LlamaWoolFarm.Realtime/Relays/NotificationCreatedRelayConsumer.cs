using LlamaWoolFarm.Contracts.Notifications;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Relays a new notification as <c>notification</c>: to its player, or to everyone for a broadcast.</summary>
public sealed class NotificationCreatedRelayConsumer(PlayerPush push) : IConsumer<NotificationCreated>
{
    public const string Type = "notification";

    public Task Consume(ConsumeContext<NotificationCreated> context) =>
        context.Message.PlayerId is { } playerId
            ? push.SendAsync(context, playerId, Type, context.Message.Notification)
            : push.SendToAllAsync(context, Type, context.Message.Notification);
}
