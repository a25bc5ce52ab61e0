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

    /// <summary>
    /// Relays one result event as several pushes to its player, in the order given: they are numbered and kept in
    /// one history write, then sent. Each push's id is the event's id followed by its type, so a redelivered event
    /// keeps every number.
    /// </summary>
    public Task SendAsync<T>(ConsumeContext<T> context, Guid playerId, params ReadOnlySpan<(string Type, object Data)> pushes)
        where T : class
    {
        var id = MessageId(context);
        var timestamp = context.SentTime ?? DateTime.UtcNow;
        var outgoing = new (string, string, object)[pushes.Length];
        for (var i = 0; i < pushes.Length; i++)
        {
            outgoing[i] = (pushes[i].Type, id + "-" + pushes[i].Type, pushes[i].Data);
        }

        return SendToPlayerAsync(playerId, timestamp, outgoing, context.CancellationToken);
    }

    /// <summary>Numbers, keeps and sends one push to every connection of a player.</summary>
    public Task SendToPlayerAsync(Guid playerId, string type, string id, DateTimeOffset timestamp, object data, CancellationToken cancellationToken) =>
        SendToPlayerAsync(playerId, timestamp, [(type, id, data)], cancellationToken);

    private async Task SendToPlayerAsync(Guid playerId, DateTimeOffset timestamp, (string Type, string Id, object Data)[] pushes, CancellationToken cancellationToken)
    {
        // Serialized once, as the hub protocol would: the kept text is what the live push carried.
        var bodies = new JsonElement[pushes.Length];
        var records = new PushRecord[pushes.Length];
        for (var i = 0; i < pushes.Length; i++)
        {
            // A body that arrives as JSON (a relayed state) is already in the push's form.
            bodies[i] = pushes[i].Data is JsonElement ready ? ready : JsonSerializer.SerializeToElement(pushes[i].Data, pushes[i].Data.GetType(), json.Value.PayloadSerializerOptions);
            records[i] = new PushRecord(pushes[i].Type, pushes[i].Id, timestamp, bodies[i].GetRawText());
        }

        var numbers = await history.AppendAsync(playerId, records, cancellationToken);
        var group = hub.Clients.Group(GameHub.PlayerGroup(playerId.ToString()));
        for (var i = 0; i < pushes.Length; i++)
        {
            await group.SendAsync(pushes[i].Type, new RealtimeMessage(pushes[i].Type, pushes[i].Id, timestamp, bodies[i], numbers[i]), cancellationToken);
        }
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
