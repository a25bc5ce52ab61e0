using LlamaWoolFarm.Realtime.CatchUp;
using LlamaWoolFarm.Realtime.Presence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Hubs;

/// <summary>
/// The players' hub (<c>/hubs/game</c>). Every connection joins its player's group; only after that is it told
/// <c>ready</c>, because with the Redis backplane a push sent before the group subscription exists is lost.
/// Each connection holds a presence lease, renewed by the client's <c>heartbeat</c> calls (every 30 s). After
/// <c>ready</c> a client calls <c>resume</c> with the last push number it processed to get what it missed.
/// </summary>
[Authorize]
public sealed class GameHub(PresenceTracker presence, PresenceOptions options, TimeProvider clock) : Hub
{
    /// <summary>The method a connection receives once its group subscription is in place.</summary>
    public const string ReadyMethod = "ready";

    private const string LastHeartbeatItem = "lwf.lastHeartbeat";

    /// <summary>The group of one player's connections.</summary>
    public static string PlayerGroup(string playerId) => "player:" + playerId;

    public override async Task OnConnectedAsync()
    {
        var playerId = Context.UserIdentifier ?? throw new HubException("The access token names no player.");
        await Groups.AddToGroupAsync(Context.ConnectionId, PlayerGroup(playerId), Context.ConnectionAborted);
        if (Guid.TryParse(playerId, out var player))
        {
            Context.Items[LastHeartbeatItem] = clock.GetUtcNow();
            await presence.TouchAsync(player, Context.ConnectionId, Context.ConnectionAborted);
        }

        await Clients.Caller.SendAsync(ReadyMethod, new { connectionId = Context.ConnectionId, playerId }, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>Renews this connection's presence lease; heartbeats closer together than the minimum interval are ignored.</summary>
    [HubMethodName("heartbeat")]
    public async Task Heartbeat()
    {
        var now = clock.GetUtcNow();
        if (!Guid.TryParse(Context.UserIdentifier, out var player)
            || (Context.Items.TryGetValue(LastHeartbeatItem, out var last) && last is DateTimeOffset at && now - at < options.MinHeartbeatInterval))
        {
            return;
        }

        Context.Items[LastHeartbeatItem] = now;
        await presence.TouchAsync(player, Context.ConnectionId, Context.ConnectionAborted);
    }

    /// <summary>
    /// The player's pushes numbered after <paramref name="lastSeq"/> (0 when nothing was processed yet), or a resync.
    /// Called after <c>ready</c>, so every push numbered after the read also reaches this connection live.
    /// </summary>
    [HubMethodName("resume")]
    public Task<ResumeAnswer> Resume(long lastSeq, [FromServices] PushCatchUp catchUp)
    {
        var player = Guid.TryParse(Context.UserIdentifier, out var id) ? id : throw new HubException("The access token names no player.");
        return catchUp.ResumeAsync(player, lastSeq, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Guid.TryParse(Context.UserIdentifier, out var player))
        {
            // The connection's own token is already cancelled here; the offline report must still go out.
            await presence.DisconnectAsync(player, Context.ConnectionId, CancellationToken.None);
        }

        await base.OnDisconnectedAsync(exception);
    }
}
