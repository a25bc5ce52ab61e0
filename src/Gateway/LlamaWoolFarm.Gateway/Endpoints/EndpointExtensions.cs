using System.Security.Claims;
using LlamaWoolFarm.ServiceDefaults.Auth;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>Helpers the area endpoints share.</summary>
internal static class EndpointExtensions
{
    /// <summary>The player id of an authenticated request (the fallback policy guarantees there is one).</summary>
    public static Guid PlayerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AuthenticationExtensions.SubjectClaim), out var id)
            ? id
            : throw new InvalidOperationException("An authenticated request without a player id.");
}
