using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Realtime.Hubs;
using LlamaWoolFarm.Storage.Presence;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Relays a presence change to the player's connected friends as <c>friendOnline</c> / <c>friendOffline</c>. The
/// store is read again first: a change the player has already reversed (an online overtaken by its offline on
/// competing consumers) is dropped, and friends without a connection cost no backplane message.
/// </summary>
public sealed class FriendPresenceChangedRelayConsumer(IHubContext<GameHub> hub, IPresenceStore presence) : IConsumer<FriendPresenceChanged>
{
    public async Task Consume(ConsumeContext<FriendPresenceChanged> context)
    {
        var m = context.Message;
        var online = await presence.OnlineAsync([m.PlayerId, .. m.FriendIds], context.CancellationToken);
        if (online.Contains(m.PlayerId) != m.Online)
        {
            return;
        }

        var groups = m.FriendIds.Where(online.Contains).Select(f => GameHub.PlayerGroup(f.ToString())).ToList();
        if (groups.Count == 0)
        {
            return;
        }

        var type = m.Online ? "friendOnline" : "friendOffline";
        var envelope = new RealtimeMessage(type, context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N"), m.At, new { playerId = m.PlayerId, displayName = m.DisplayName, online = m.Online, at = m.At });
        await hub.Clients.Groups(groups).SendAsync(type, envelope, context.CancellationToken);
    }
}
