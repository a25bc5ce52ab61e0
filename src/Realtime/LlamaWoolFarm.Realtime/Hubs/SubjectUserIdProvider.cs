using LlamaWoolFarm.ServiceDefaults.Auth;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Hubs;

/// <summary>A connection's user is the player id (<c>sub</c>) of its access token.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(AuthenticationExtensions.SubjectClaim)?.Value;
}
