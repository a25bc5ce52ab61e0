using System.Text.Json;
using LlamaWoolFarm.Realtime.Hubs;
using LlamaWoolFarm.Storage.PushHistory;
using MassTransit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Sends result events to players in the push envelope. A push to one player is first numbered and kept in the
/// player's history (one store round trip), then sent with its number as <c>seq</c>, so a client that was away can
/// resume from the last number it processed (<see cref="GameHub.Resume"/>). A failed send fails the consumer, and
/// the redelivered event keeps its number (the store knows the push id).
/// </summary>
public sealed class PlayerPush(IHubContext<GameHub> hub, IPushHistoryStore history, IOptions<JsonHubProtocolOptions> json)
{
    public Task SendAsync<T>(ConsumeContext<T> context, Guid playerId, string type, object data)
        where T : class =>
        SendToPlayerAsync(playerId, type, MessageId(context), context.SentTime ?? DateTime.UtcNow, data, context.CancellationToken);

    /// <summary>Numbers, keeps and sends one push to every connection of a player.</summary>
    public async Task SendToPlayerAsync(Guid playerId, string type, string id, DateTimeOffset timestamp, object data, CancellationToken cancellationToken)
    {
        // Serialized once, as the hub protocol would: the kept text is what the live push carried.
        var body = JsonSerializer.SerializeToElement(data, data.GetType(), json.Value.PayloadSerializerOptions);
        var seq = await history.AppendAsync(playerId, new PushRecord(type, id, timestamp, body.GetRawText()), cancellationToken);
        var message = new RealtimeMessage(type, id, timestamp, body, seq);
        await hub.Clients.Group(GameHub.PlayerGroup(playerId.ToString())).SendAsync(type, message, cancellationToken);
    }

    /// <summary>
    /// Sends one result event to every connection of every player (broadcast notifications), unnumbered: a series
    /// per player would cost a write per player, and a client that missed one re-reads its notifications.
    /// </summary>
    public Task SendToAllAsync<T>(ConsumeContext<T> context, string type, object data)
        where T : class
    {
        var message = new RealtimeMessage(type, MessageId(context), context.SentTime ?? DateTime.UtcNow, data);
        return hub.Clients.All.SendAsync(type, message, context.CancellationToken);
    }

    private static string MessageId<T>(ConsumeContext<T> context)
        where T : class =>
        context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N");
}
