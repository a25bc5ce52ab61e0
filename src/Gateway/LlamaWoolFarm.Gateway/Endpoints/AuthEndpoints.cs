using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/auth</c>: getting an access token.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("auth").AllowAnonymous();
        auth.MapPost("/guest", GuestAsync).Validate<GuestRequest>();
        return api;
    }

    private static async Task<IResult> GuestAsync(
        GuestRequest request,
        HttpContext context,
        IRequestClient<RegisterGuest> accounts,
        AccessTokenIssuer tokens)
    {
        var response = await accounts.GetResponse<GuestRegistered>(new RegisterGuest(request.DeviceId!, context.TraceIdentifier), context.RequestAborted);
        var account = response.Message;
        return ApiResults.Ok(context, tokens.Issue(account.PlayerId, account.Roles), account.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
