using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Hubs;

/// <summary>
/// The players' hub (<c>/hubs/game</c>). Every connection joins its player's group; only after that is it told
/// <c>ready</c>, because with the Redis backplane a push sent before the group subscription exists is lost.
/// </summary>
[Authorize]
public sealed class GameHub : Hub
{
    /// <summary>The method a connection receives once its group subscription is in place.</summary>
    public const string ReadyMethod = "ready";

    /// <summary>The group of one player's connections.</summary>
    public static string PlayerGroup(string playerId) => "player:" + playerId;

    public override async Task OnConnectedAsync()
    {
        var playerId = Context.UserIdentifier ?? throw new HubException("The access token names no player.");
        await Groups.AddToGroupAsync(Context.ConnectionId, PlayerGroup(playerId), Context.ConnectionAborted);
        await Clients.Caller.SendAsync(ReadyMethod, new { connectionId = Context.ConnectionId, playerId }, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
