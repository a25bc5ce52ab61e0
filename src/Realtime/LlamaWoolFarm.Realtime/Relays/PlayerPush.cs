using LlamaWoolFarm.Realtime.Hubs;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Sends one result event to every connection of a player, in the push envelope.</summary>
public sealed class PlayerPush(IHubContext<GameHub> hub)
{
    public Task SendAsync<T>(ConsumeContext<T> context, Guid playerId, string type, object data)
        where T : class
    {
        var id = context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N");
        var message = new RealtimeMessage(type, id, context.SentTime ?? DateTime.UtcNow, data);
        return hub.Clients.Group(GameHub.PlayerGroup(playerId.ToString())).SendAsync(type, message, context.CancellationToken);
    }

    /// <summary>Sends one result event to every connection of every player (broadcast notifications).</summary>
    public Task SendToAllAsync<T>(ConsumeContext<T> context, string type, object data)
        where T : class
    {
        var id = context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N");
        var message = new RealtimeMessage(type, id, context.SentTime ?? DateTime.UtcNow, data);
        return hub.Clients.All.SendAsync(type, message, context.CancellationToken);
    }
}
